-- columns
SELECT CAST(1 AS String), CAST('5' AS UInt8), CAST(2.7, 'Int32'), '2024-01-02'::Date, CAST(NULL AS Nullable(Int32)), CAST(tenant_id AS Nullable(Int64)) FROM events LIMIT 1;

-- columns
SELECT toUInt8(1) AS v UNION ALL SELECT toInt64(-1);
-- columns
SELECT 'a' AS s UNION ALL SELECT NULL;

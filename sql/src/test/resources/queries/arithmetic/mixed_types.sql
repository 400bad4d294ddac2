-- columns
SELECT 1 + 1.5, toInt8(1) + toUInt64(1), tenant_id + amount FROM events ORDER BY timestamp LIMIT 2;

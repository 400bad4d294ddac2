-- columns
SELECT * FROM events ORDER BY timestamp LIMIT 3;

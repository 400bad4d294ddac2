SELECT tenant_id * 100 AS tenant_id FROM events ORDER BY timestamp LIMIT 3;
SELECT sum(amount) AS amount FROM events;

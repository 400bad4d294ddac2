SELECT any(number), anyLast(number) FROM numbers(10);
SELECT tenant_id, any(user_id) FROM (SELECT * FROM events ORDER BY timestamp) GROUP BY tenant_id ORDER BY tenant_id;

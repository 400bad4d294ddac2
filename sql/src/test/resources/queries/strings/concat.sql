SELECT concat('a', 'b', 'c'), concat(user_id, '-', toString(tenant_id)), 'x' || 'y' || 'z', concat('n', 1) FROM events ORDER BY timestamp LIMIT 2;

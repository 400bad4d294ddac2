SELECT `user_id`, "tenant_id" AS `the tenant` FROM events ORDER BY timestamp LIMIT 2;

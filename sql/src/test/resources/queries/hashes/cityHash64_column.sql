SELECT user_id, cityHash64(user_id), sipHash64(user_id, tenant_id) FROM events ORDER BY timestamp LIMIT 5;

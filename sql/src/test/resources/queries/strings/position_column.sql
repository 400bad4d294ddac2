SELECT user_id, position(user_id, '1') FROM events ORDER BY timestamp LIMIT 4;

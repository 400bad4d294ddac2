SELECT user_id, length(user_id), upper(user_id), concat(user_id, '-', action) FROM events ORDER BY timestamp LIMIT 4;

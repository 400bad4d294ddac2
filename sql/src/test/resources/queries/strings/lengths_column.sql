SELECT user_id, length(user_id), lengthUTF8(user_id) FROM events ORDER BY timestamp LIMIT 3;

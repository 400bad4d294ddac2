SELECT user_id FROM events ORDER BY amount DESC, timestamp LIMIT 3;

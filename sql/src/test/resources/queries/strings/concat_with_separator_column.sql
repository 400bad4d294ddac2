SELECT concatWithSeparator('|', user_id, action) FROM events ORDER BY timestamp LIMIT 3;

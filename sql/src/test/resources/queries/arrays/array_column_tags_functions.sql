SELECT user_id, arrayMap(t -> upper(t), tags), arrayFilter(t -> t != 'a', tags) FROM events ORDER BY timestamp LIMIT 4;

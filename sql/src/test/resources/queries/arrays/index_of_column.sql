SELECT tags, indexOf(tags, 'b') FROM events ORDER BY timestamp LIMIT 4;

SELECT tags, length(tags), has(tags, 'a'), tags[1], empty(tags) FROM events ORDER BY timestamp LIMIT 4;
SELECT count() FROM events WHERE has(tags, 'b');

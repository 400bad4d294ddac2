SELECT tags, length(tags), has(tags, 'a'), arrayStringConcat(tags, '|') FROM events ORDER BY timestamp LIMIT 5;

SELECT count(note), countIf(note IS NULL), uniqExact(note) > 0, any(note) IS NOT NULL FROM events;

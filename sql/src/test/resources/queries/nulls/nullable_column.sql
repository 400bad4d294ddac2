SELECT note, length(note), upper(note), isNull(note), isNotNull(note) FROM events ORDER BY timestamp LIMIT 6;

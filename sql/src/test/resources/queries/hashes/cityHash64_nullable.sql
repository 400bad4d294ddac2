SELECT cityHash64(note) FROM events WHERE note IS NULL LIMIT 2;

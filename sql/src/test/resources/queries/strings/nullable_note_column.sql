SELECT count(note), countIf(note IS NULL), max(length(note)) FROM events;

SELECT count(), count(note), count(DISTINCT note) > 0, uniq(note) FROM events;

SELECT count(), count(note), count(*), count(1) FROM events;

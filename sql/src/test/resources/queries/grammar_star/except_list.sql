-- columns
SELECT * EXCEPT (tags, note) FROM events_empty;

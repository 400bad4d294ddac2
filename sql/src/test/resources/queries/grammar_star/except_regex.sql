-- columns
SELECT * EXCEPT ('^t') FROM events_empty;

-- columns
SELECT COLUMNS('^a') FROM events_empty;

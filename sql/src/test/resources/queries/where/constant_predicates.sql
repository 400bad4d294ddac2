SELECT count() FROM events WHERE 1;
SELECT count() FROM events WHERE 0;
SELECT count() FROM events WHERE NULL;

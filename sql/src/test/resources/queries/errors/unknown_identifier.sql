-- error: UNKNOWN_IDENTIFIER
SELECT nope FROM events;
-- error: UNKNOWN_IDENTIFIER
SELECT count() FROM events WHERE e.user_id = 'x';

SELECT count() FROM events WHERE note = 'note 0';
SELECT count() FROM events WHERE note IS NULL;
SELECT count() FROM events WHERE note != 'note 0';

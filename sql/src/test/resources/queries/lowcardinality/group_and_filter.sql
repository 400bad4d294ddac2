SELECT action, count() FROM events WHERE action != 'view' GROUP BY action ORDER BY action;
SELECT count() FROM events WHERE action LIKE 'p%';

SELECT * FROM events_empty;
SELECT count(), sum(amount), avg(amount), min(timestamp), max(user_id) FROM events_empty;
SELECT action, count() FROM events_empty GROUP BY action;

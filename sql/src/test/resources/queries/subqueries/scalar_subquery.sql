SELECT count() FROM events WHERE amount > (SELECT avg(amount) FROM events);
SELECT (SELECT max(number) FROM numbers(5)) + 1;

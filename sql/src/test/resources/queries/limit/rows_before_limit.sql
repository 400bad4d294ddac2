-- rows_before_limit
SELECT number FROM numbers(100) ORDER BY number DESC LIMIT 2;
-- rows_before_limit
SELECT action, count() FROM events GROUP BY action ORDER BY action LIMIT 1;
-- rows_before_limit
SELECT number FROM numbers(10);

SELECT number % 3, count() FROM numbers(10) GROUP BY number % 3 ORDER BY number % 3;
SELECT toYear(timestamp) + 1 AS y, count() FROM events GROUP BY y;

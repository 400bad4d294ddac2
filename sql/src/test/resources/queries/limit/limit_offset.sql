SELECT number FROM numbers(10) LIMIT 3;
SELECT number FROM numbers(10) LIMIT 3 OFFSET 8;
SELECT number FROM numbers(10) LIMIT 7, 2;
SELECT number FROM numbers(10) LIMIT 0;

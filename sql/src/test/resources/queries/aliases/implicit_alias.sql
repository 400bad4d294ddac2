-- columns
SELECT number n, n + 1 next FROM numbers(2);

SELECT number * 2 AS n FROM numbers(4) ORDER BY n WITH FILL;

SELECT number * 3 AS n, 'x' AS s, toNullable(1) AS z FROM numbers(2) ORDER BY n WITH FILL;

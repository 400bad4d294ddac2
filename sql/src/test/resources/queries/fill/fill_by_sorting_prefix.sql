SELECT number % 2 AS g, number AS n FROM numbers(6) WHERE number IN (0, 4, 1, 5) ORDER BY g, n WITH FILL;

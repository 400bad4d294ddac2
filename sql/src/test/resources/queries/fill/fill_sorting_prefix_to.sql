SELECT number % 2 AS g, number AS n FROM numbers(4) WHERE number IN (0, 2, 3) ORDER BY g, n WITH FILL TO 4;

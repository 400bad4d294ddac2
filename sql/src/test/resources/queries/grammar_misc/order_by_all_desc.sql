SELECT number % 2 AS a, number AS b FROM numbers(4) ORDER BY ALL DESC;

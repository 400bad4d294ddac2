SELECT number % 2 AS a, number % 3 AS b, number FROM numbers(12) ORDER BY number LIMIT 1 BY a, b;

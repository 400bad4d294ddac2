SELECT number % 2 AS a, number % 3 AS b, sum(number) AS s FROM numbers(6) GROUP BY ROLLUP(a, b) ORDER BY a, b, s;

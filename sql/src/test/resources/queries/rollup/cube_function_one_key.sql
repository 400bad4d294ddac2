SELECT number % 3 AS a, count() AS c FROM numbers(7) GROUP BY CUBE(a) ORDER BY a, c;

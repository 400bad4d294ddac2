SELECT number % 2 AS a, number % 3 AS b, count() AS c FROM numbers(12) GROUP BY GROUPING SETS ((a), (b), ()) ORDER BY a, b, c;

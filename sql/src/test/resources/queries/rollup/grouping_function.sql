SELECT a, b, grouping(a) AS ga, grouping(a, b) AS gab, count() AS c FROM (SELECT number % 2 AS a, number % 3 AS b FROM numbers(6)) GROUP BY ROLLUP(a, b) ORDER BY gab, a, b;

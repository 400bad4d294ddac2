SELECT number % 3 AS a, count() AS c FROM numbers(7) GROUP BY a WITH ROLLUP HAVING c > 2 ORDER BY a, c;

SELECT number % 2 AS a, count() AS c FROM numbers(5) GROUP BY a WITH ROLLUP WITH TOTALS ORDER BY a, c;

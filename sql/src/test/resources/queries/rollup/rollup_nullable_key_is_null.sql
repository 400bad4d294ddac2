SELECT toNullable(number % 2) AS a, count() AS c FROM numbers(5) GROUP BY a WITH ROLLUP ORDER BY a, c;

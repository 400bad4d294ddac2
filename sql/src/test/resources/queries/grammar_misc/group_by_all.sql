SELECT number % 2 AS a, count() AS c FROM numbers(5) GROUP BY ALL ORDER BY a;

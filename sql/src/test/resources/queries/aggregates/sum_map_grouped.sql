SELECT number % 2 AS g, sumMap([number % 3], [1]) FROM numbers(10) GROUP BY g ORDER BY g;

SELECT n, count() FROM (SELECT if(number % 2 = 0, NULL, number % 3) AS n FROM numbers(10)) GROUP BY n ORDER BY n;

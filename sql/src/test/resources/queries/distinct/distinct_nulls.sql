SELECT DISTINCT n FROM (SELECT if(number % 2 = 0, NULL, 1) AS n FROM numbers(6)) ORDER BY n;

SELECT n FROM (SELECT if(number % 3 = 0, NULL, number) AS n FROM numbers(7)) ORDER BY n;
SELECT n FROM (SELECT if(number % 3 = 0, NULL, number) AS n FROM numbers(7)) ORDER BY n DESC;
SELECT n FROM (SELECT if(number % 3 = 0, NULL, number) AS n FROM numbers(7)) ORDER BY n NULLS FIRST;

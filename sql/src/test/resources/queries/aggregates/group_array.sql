SELECT groupArray(number) FROM numbers(5);
SELECT number % 2 AS parity, groupArray(number) FROM numbers(6) GROUP BY parity ORDER BY parity;
SELECT groupArray(n) FROM (SELECT if(number = 1, NULL, number) AS n FROM numbers(3));

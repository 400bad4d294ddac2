SELECT if(n > 0, 'pos', 'not') FROM (SELECT if(number = 1, NULL, number) AS n FROM numbers(3));

SELECT x FROM (SELECT if(number < 2, NULL, number) AS x FROM numbers(5)) ORDER BY x LIMIT 1 BY x;

SELECT x FROM (SELECT if(number = 2, nan, toFloat64(number) - 1.5) AS x FROM numbers(5)) ORDER BY x;
SELECT x FROM (SELECT if(number = 2, nan, toFloat64(number) - 1.5) AS x FROM numbers(5)) ORDER BY x DESC;

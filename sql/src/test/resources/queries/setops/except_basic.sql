SELECT x FROM (SELECT number AS x FROM numbers(5) EXCEPT SELECT number * 2 FROM numbers(3)) ORDER BY x;

SELECT x FROM (SELECT number AS x FROM numbers(3) EXCEPT SELECT number FROM numbers(0)) ORDER BY x;

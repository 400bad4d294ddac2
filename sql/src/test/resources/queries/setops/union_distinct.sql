SELECT x FROM (SELECT number AS x FROM numbers(3) UNION DISTINCT SELECT number + 1 FROM numbers(3)) ORDER BY x;

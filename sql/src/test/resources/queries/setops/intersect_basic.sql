SELECT x FROM (SELECT number AS x FROM numbers(5) INTERSECT SELECT number + 3 FROM numbers(5)) ORDER BY x;

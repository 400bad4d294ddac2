SELECT sum(x) FROM (SELECT x FROM (SELECT number AS x FROM numbers(10)) WHERE x % 2 = 0);

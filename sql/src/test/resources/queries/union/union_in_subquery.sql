SELECT count(), sum(x) FROM (SELECT number AS x FROM numbers(3) UNION ALL SELECT number AS x FROM numbers(4));

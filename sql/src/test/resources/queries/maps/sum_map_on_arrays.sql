SELECT sumMap(mapKeys(m), mapValues(m)) FROM (SELECT map('a', 1, 'b', 2) AS m UNION ALL SELECT map('b', 3));

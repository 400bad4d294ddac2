SELECT sumMap(k, v) FROM (SELECT ['b', 'a'] AS k, [1.5, 2] AS v UNION ALL SELECT ['a'], [0.5]);

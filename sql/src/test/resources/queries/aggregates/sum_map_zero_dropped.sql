SELECT sumMap(k, v) FROM (SELECT [1, 2] AS k, [10, -10] AS v UNION ALL SELECT [2], [10]);

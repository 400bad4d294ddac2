SELECT sumMap(k, v) FROM (SELECT [1, 2] AS k, [10, 20] AS v UNION ALL SELECT [2, 3], [5, 0]);

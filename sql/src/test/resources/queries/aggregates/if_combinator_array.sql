SELECT sumArrayIf(a, c) FROM (SELECT [1, 2] AS a, 1 AS c UNION ALL SELECT [10], 0);

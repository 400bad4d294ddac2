SELECT sumForEach(a), maxForEach(a), countForEach(a) FROM (SELECT [1, 2] AS a UNION ALL SELECT [10, 20, 30]);

SELECT sumArray(a), uniqArray(a), maxArray(a) FROM (SELECT [1, 2] AS a UNION ALL SELECT [2, 3]);

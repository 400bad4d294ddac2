-- columns
SELECT sumForEach(a) AS s FROM (SELECT [1, 2] AS a);

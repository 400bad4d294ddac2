SELECT * REPLACE (b + 1 AS b, 'x' AS a) FROM (SELECT 1 AS a, 2 AS b, 3 AS c);

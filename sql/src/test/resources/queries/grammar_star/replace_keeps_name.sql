-- columns
SELECT * REPLACE (a * 10 AS a) FROM (SELECT 1 AS a, 2 AS b);

SELECT l.k, l.v, r.w FROM (SELECT number AS k, concat('v', toString(number)) AS v FROM numbers(5)) AS l INNER JOIN (SELECT number * 2 AS k, number * 100 AS w FROM numbers(4)) AS r ON l.k = r.k ORDER BY l.k;
SELECT l.k, r.w FROM (SELECT number AS k FROM numbers(5)) AS l LEFT JOIN (SELECT number * 2 AS k, number * 100 AS w, toString(number) AS s FROM numbers(4)) AS r ON l.k = r.k ORDER BY l.k;
SELECT l.k, r.s FROM (SELECT number AS k FROM numbers(3)) AS l LEFT JOIN (SELECT 1 AS k, 'one' AS s) AS r ON l.k = r.k ORDER BY l.k;
SELECT k, w FROM (SELECT number AS k FROM numbers(4)) AS l JOIN (SELECT number AS k, number * 10 AS w FROM numbers(2, 5)) AS r USING k ORDER BY k;
-- columns
SELECT * FROM (SELECT 1 AS k, 'a' AS x) AS l JOIN (SELECT 1 AS k, 'b' AS x, 'c' AS y) AS r ON l.k = r.k;
-- columns
SELECT * FROM (SELECT 1 AS k, 'a' AS x) AS l JOIN (SELECT 1 AS k, 'b' AS y) AS r USING (k);

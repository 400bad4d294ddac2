SELECT l.k, l.v, r.k, r.w FROM (SELECT number AS k, 'L' AS v FROM numbers(3)) AS l RIGHT JOIN (SELECT number + 1 AS k, 'R' AS w FROM numbers(3)) AS r ON l.k = r.k ORDER BY r.k;
SELECT l.k, l.v, r.k, r.w FROM (SELECT number AS k, 'L' AS v FROM numbers(3)) AS l FULL OUTER JOIN (SELECT number + 1 AS k, 'R' AS w FROM numbers(3)) AS r ON l.k = r.k ORDER BY l.k, r.k;
SELECT k, l.v, r.w FROM (SELECT number AS k, 'L' AS v FROM numbers(2)) AS l FULL JOIN (SELECT number + 1 AS k, 'R' AS w FROM numbers(2)) AS r USING (k) ORDER BY k;
SELECT a.number, b.number FROM numbers(2) AS a CROSS JOIN numbers(3) AS b ORDER BY a.number, b.number;
SELECT count() FROM numbers(3) AS a, numbers(4) AS b;
SELECT count() FROM numbers(3) AS a CROSS JOIN (SELECT 1 WHERE 0) AS b;

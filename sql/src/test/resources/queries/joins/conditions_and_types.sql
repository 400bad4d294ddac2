SELECT l.k, r.w FROM (SELECT number AS k FROM numbers(6)) AS l JOIN (SELECT number AS k, number * 10 AS w FROM numbers(6)) AS r ON l.k = r.k AND r.w > 20 ORDER BY l.k;
SELECT l.k, r.w FROM (SELECT number AS k FROM numbers(4)) AS l LEFT JOIN (SELECT number AS k, number * 10 AS w FROM numbers(4)) AS r ON l.k = r.k AND r.w >= 20 ORDER BY l.k;
SELECT l.a, l.b, r.c FROM (SELECT 1 AS a, 'x' AS b UNION ALL SELECT 1, 'y') AS l JOIN (SELECT 1 AS a, 'y' AS b, 'hit' AS c) AS r ON l.a = r.a AND l.b = r.b;
SELECT l.k, r.v FROM (SELECT toInt32(number) AS k FROM numbers(3)) AS l JOIN (SELECT toUInt64(number) AS k, 'v' AS v FROM numbers(1, 2)) AS r ON r.k = l.k ORDER BY l.k;
SELECT l.k, r.v FROM (SELECT CAST(NULL AS Nullable(Int64)) AS k UNION ALL SELECT 1) AS l LEFT JOIN (SELECT CAST(NULL AS Nullable(Int64)) AS k, 'null' AS v UNION ALL SELECT 1, 'one') AS r ON l.k = r.k ORDER BY l.k;
SELECT e.user_id, u.n FROM events AS e JOIN (SELECT user_id, count() AS n FROM events GROUP BY user_id) AS u ON e.user_id = u.user_id ORDER BY e.timestamp LIMIT 3;
SELECT count() FROM events AS a JOIN events AS b ON a.user_id = b.user_id AND a.timestamp < b.timestamp;
SELECT l.k, r.n FROM (SELECT number AS k FROM numbers(3)) AS l LEFT JOIN (SELECT number AS k, CAST(number AS Nullable(Int64)) AS n FROM numbers(1)) AS r ON l.k = r.k ORDER BY l.k;
-- error: NOT_IMPLEMENTED
SELECT 1 FROM numbers(2) AS a JOIN numbers(2) AS b ON a.number < b.number;
-- error: SYNTAX_ERROR
SELECT 1 FROM numbers(2) AS a JOIN numbers(2) AS b;
-- error: UNKNOWN_IDENTIFIER
SELECT 1 FROM numbers(2) AS a JOIN numbers(2) AS b USING (nope);

-- columns
SELECT user_id, tags FROM events ARRAY JOIN tags ORDER BY timestamp LIMIT 5;
SELECT user_id, tags, t FROM events ARRAY JOIN tags AS t ORDER BY timestamp LIMIT 4;
SELECT user_id, t FROM events LEFT ARRAY JOIN tags AS t ORDER BY timestamp LIMIT 4;
SELECT count() FROM events ARRAY JOIN tags;
SELECT count() FROM events LEFT ARRAY JOIN tags;
SELECT t, count() FROM events ARRAY JOIN tags AS t WHERE t != 'a' GROUP BY t ORDER BY t;
SELECT x, y FROM (SELECT [1, 2] AS a, ['p', 'q'] AS b) ARRAY JOIN a AS x, b AS y;
SELECT n, e FROM (SELECT 1 AS n) ARRAY JOIN range(3) AS e;
-- error: SIZES_OF_ARRAYS_DONT_MATCH
SELECT x, y FROM (SELECT [1, 2] AS a, ['p'] AS b) ARRAY JOIN a AS x, b AS y;
-- error: TYPE_MISMATCH
SELECT * FROM events ARRAY JOIN user_id;

-- columns
SELECT (1, 'a', 2.5) AS t, t.1 AS a, t.3 AS c;

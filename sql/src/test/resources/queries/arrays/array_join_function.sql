-- columns
SELECT arrayJoin([1, 2, 3]) AS x, 'const' AS c;
SELECT arrayJoin(tags) AS tag, count() FROM events GROUP BY tag ORDER BY tag;
SELECT user_id, arrayJoin(tags) FROM events ORDER BY timestamp LIMIT 5;
SELECT arrayJoin(['a', 'b']) AS l, arrayJoin([1, 2]) AS n ORDER BY l, n;

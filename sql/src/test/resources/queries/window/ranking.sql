-- columns
SELECT number AS n, number % 2 AS p, row_number() OVER (PARTITION BY p ORDER BY n DESC) AS rn FROM numbers(6) ORDER BY n;
SELECT v, rank() OVER (ORDER BY v) AS r, dense_rank() OVER (ORDER BY v) AS d, row_number() OVER (ORDER BY v) AS rn FROM (SELECT arrayJoin([10, 20, 20, 30, 30, 30, 40]) AS v) ORDER BY v, rn;
SELECT number, row_number() OVER () FROM numbers(3) ORDER BY number;
SELECT user_id, timestamp, row_number() OVER (PARTITION BY user_id ORDER BY timestamp) AS visit FROM events WHERE user_id IN ('u1', 'u2') ORDER BY user_id, timestamp LIMIT 6;

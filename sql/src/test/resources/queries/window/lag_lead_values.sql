SELECT number AS n, lagInFrame(n) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS prev, leadInFrame(n) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS next FROM numbers(4) ORDER BY n;
SELECT number AS n, leadInFrame(n) OVER (ORDER BY n) AS in_default_frame, lead(n) OVER (ORDER BY n) AS lead_any, lag(n, 2) OVER (ORDER BY n) AS lag2, lag(n, 1, 99) OVER (ORDER BY n) AS lag_default FROM numbers(4) ORDER BY n;
SELECT number AS n, first_value(n) OVER (PARTITION BY n % 2 ORDER BY n) AS f, last_value(n) OVER (PARTITION BY n % 2 ORDER BY n) AS l, last_value(n) OVER (PARTITION BY n % 2) AS l_all FROM numbers(6) ORDER BY n;
SELECT s, lagInFrame(s) OVER (ORDER BY s ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS prev FROM (SELECT arrayJoin(['a', 'b', 'c']) AS s) ORDER BY s;
SELECT user_id, note, lag(note) OVER (PARTITION BY user_id ORDER BY timestamp) AS prev_note FROM events WHERE user_id = 'u0' ORDER BY timestamp LIMIT 3;
-- columns
SELECT number, sum(number) OVER (PARTITION BY number % 2 ORDER BY number DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM numbers(2) ORDER BY number;

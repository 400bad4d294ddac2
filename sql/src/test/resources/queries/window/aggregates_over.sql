SELECT action, count() AS c, round(c * 100.0 / sum(c) OVER (), 2) AS pct FROM events GROUP BY action ORDER BY action;
SELECT action, count(*) * 100.0 / sum(count(*)) OVER () AS share FROM events GROUP BY action ORDER BY share DESC LIMIT 2;
SELECT number AS n, sum(n) OVER (ORDER BY n) AS running, sum(n) OVER (PARTITION BY n % 2) AS per_parity, count() OVER () AS total FROM numbers(6) ORDER BY n;
SELECT number AS n, sum(n) OVER (ORDER BY n ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3, avg(n) OVER (ORDER BY n ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS a3, max(n) OVER (ORDER BY n ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS mx FROM numbers(5) ORDER BY n;
SELECT v, sum(v) OVER (ORDER BY v) AS range_running, sum(v) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rows_running FROM (SELECT arrayJoin([1, 2, 2, 3]) AS v) ORDER BY v, rows_running;
SELECT n, min(n) OVER (PARTITION BY n % 3 ORDER BY n DESC) AS m FROM (SELECT toInt32(number) AS n FROM numbers(6)) ORDER BY n;
-- error: ILLEGAL_AGGREGATION
SELECT number FROM numbers(3) WHERE row_number() OVER () > 1;
-- error: UNKNOWN_FUNCTION
SELECT nosuch(number) OVER () FROM numbers(3);

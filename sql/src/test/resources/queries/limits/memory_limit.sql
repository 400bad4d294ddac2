-- error: MEMORY_LIMIT_EXCEEDED
SELECT number % 100000 AS k, count() FROM numbers(10000000) GROUP BY k ORDER BY k LIMIT 3 SETTINGS max_memory_usage = 1000000;
SELECT number % 100000 AS k, count() FROM numbers(10000000) GROUP BY k ORDER BY k LIMIT 3 SETTINGS max_memory_usage = 300000000;
-- error: MEMORY_LIMIT_EXCEEDED
SELECT number FROM numbers(1000000) ORDER BY number DESC LIMIT 200000, 1 SETTINGS max_memory_usage = 1000000;
SELECT number FROM numbers(1000000) ORDER BY number DESC LIMIT 200000, 1 SETTINGS max_memory_usage = 300000000;
-- error: MEMORY_LIMIT_EXCEEDED
SELECT count() FROM numbers(5) AS a INNER JOIN (SELECT number FROM numbers(1000000)) AS b ON a.number = b.number SETTINGS max_memory_usage = 1000000;
SELECT count() FROM numbers(5) AS a INNER JOIN (SELECT number FROM numbers(1000000)) AS b ON a.number = b.number SETTINGS max_memory_usage = 300000000;
-- error: MEMORY_LIMIT_EXCEEDED
SELECT uniqExact(number), length(groupArray(number)) FROM numbers(1000000) SETTINGS max_memory_usage = 1000000;
SELECT uniqExact(number), length(groupArray(number)) FROM numbers(1000000) SETTINGS max_memory_usage = 0;
SELECT sum(number), uniqExact(number % 7) FROM numbers(1000000) SETTINGS max_memory_usage = 1000000;

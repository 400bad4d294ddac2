SELECT count(), sum(c), max(c) FROM (SELECT number % 100000 AS k, count() AS c FROM numbers(300000) GROUP BY k);
SELECT count() FROM (SELECT toString(number % 70000) AS k FROM numbers(140000) GROUP BY k);

SELECT number % 4 AS k, count() AS c FROM numbers(10) GROUP BY k ORDER BY k LIMIT 1 BY c;

SELECT number % 2 AS k, sumForEach([number, 1]) FROM numbers(6) GROUP BY k ORDER BY k;

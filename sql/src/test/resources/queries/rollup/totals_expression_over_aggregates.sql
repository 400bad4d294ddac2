SELECT number % 2 AS k, sum(number) * 10 AS s FROM numbers(4) GROUP BY k WITH TOTALS ORDER BY k;

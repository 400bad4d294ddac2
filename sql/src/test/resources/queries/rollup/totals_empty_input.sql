SELECT number % 3 AS k, count() AS c FROM numbers(0) GROUP BY k WITH TOTALS;

SELECT toString(number % 2) AS k, count() AS c, max(number) AS m FROM numbers(5) GROUP BY k WITH TOTALS ORDER BY k;

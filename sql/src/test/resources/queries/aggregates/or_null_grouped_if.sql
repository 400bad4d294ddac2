SELECT number % 3 AS k, sumOrNullIf(number, number > 6) FROM numbers(9) GROUP BY k ORDER BY k;

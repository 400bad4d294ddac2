SELECT number, number % 3 AS k FROM numbers(9) ORDER BY k;
SELECT number, intDiv(number, 4) AS k FROM numbers(8) ORDER BY k DESC;

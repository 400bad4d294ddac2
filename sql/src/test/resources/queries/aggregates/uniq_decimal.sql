-- Decimal values counted by value
SELECT uniqExact(d) FROM (SELECT CAST(number % 4, 'Decimal(9, 2)') AS d FROM numbers(20));

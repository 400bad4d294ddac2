SELECT sum(toDecimal128(number, 2) + toDecimal128('0.01', 2)) AS s, toTypeName(s) FROM numbers(10);
SELECT sum(toDecimal64('1.5', 1)) AS s, toTypeName(s), avg(toDecimal128(number, 2)) AS a, toTypeName(a) FROM numbers(4);
SELECT min(toDecimal128(number, 3) - 5), max(toDecimal128(number, 3) - 5) FROM numbers(10);
SELECT sum(toDecimal128('12345678901234567890.123456789', 9)) FROM numbers(3);
SELECT d, count() FROM (SELECT toDecimal128(number % 2, 1) AS d FROM numbers(5)) GROUP BY d ORDER BY d;
SELECT toDecimal128(number, 0) - 2 AS d FROM numbers(4) ORDER BY d DESC;

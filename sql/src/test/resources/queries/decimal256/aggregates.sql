SELECT sum(toDecimal256(number, 2) + toDecimal256('0.01', 2)) AS s, toTypeName(s) FROM numbers(10);
SELECT avg(toDecimal256(number, 2)) AS a, toTypeName(a) FROM numbers(4);
SELECT min(toDecimal256(number, 3) - 5), max(toDecimal256(number, 3) - 5) FROM numbers(10);
SELECT sum(toDecimal256('12345678901234567890123456789012345678901234567890.123456789', 9)) FROM numbers(3);
SELECT d, count() FROM (SELECT toDecimal256(number % 2, 1) - 1 AS d FROM numbers(5)) GROUP BY d ORDER BY d;
SELECT toDecimal256(number, 0) - 2 AS d FROM numbers(4) ORDER BY d DESC;
SELECT sum(x), avg(x), min(x), count(x) FROM (SELECT CAST(if(number % 2 = 0, NULL, toString(number)), 'Nullable(Decimal(76, 3))') AS x FROM numbers(6));
SELECT any(toDecimal256('7.25', 2)), argMax(toDecimal256(number, 1), number), uniqExact(toDecimal256(number % 3, 2)) FROM numbers(10);

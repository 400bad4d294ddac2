SELECT toDecimal256('12345678901234567890123456789012345678901234567890.123456789', 9) > toDecimal256('12345678901234567890123456789012345678901234567890.123456788', 9), toDecimal256('1.50', 2) = toDecimal64('1.5', 1), toDecimal256('3', 2) < 4, toDecimal256('-1', 0) < 0, toDecimal256('1.5', 2) = '1.50';
SELECT toDecimal256('-2', 0) < toDecimal256('1', 0), toDecimal256('-2', 0) > toDecimal128('-3', 5), toDecimal256('2.5', 1) > 2.4, toDecimal256('2.5', 1) != toDecimal256('2.50', 2);
SELECT toFloat64(toDecimal256('1.25', 2)), toDecimal64(toDecimal256('123.456', 3), 2), toInt64(toDecimal256('-7.9', 1)), toString(toDecimal256('0.10', 2)), toUInt64(toDecimal256('18446744073709551615', 0));
SELECT CAST(toDecimal256('-42.75', 2), 'Decimal(9, 1)') AS n, toTypeName(n), toDecimal256(toDecimal32('3.5', 1), 20) AS w, toDecimal128(toDecimal256('-12345678901234567890.5', 1), 2) AS x;
SELECT toDecimal256(1.5, 3), toDecimal256(toFloat32(0.25), 2), CAST(toDecimal256('5', 0) AS Nullable(Decimal(76, 2))) AS n, toTypeName(n);
SELECT toDecimal256(number, 1) AS d FROM numbers(5) WHERE d IN (toDecimal256(1, 1), toDecimal256(3, 1)) ORDER BY d;
SELECT countIf(toDecimal256(number, 1) / 2 IN (1, 1.5, 2)), countIf(toDecimal256(number, 1) NOT IN (0.05, 4)) FROM numbers(5);
SELECT [toDecimal256('1.5', 2), toDecimal256('-0.25', 2)] AS a, toTypeName(a), if(1, toDecimal256('1.5', 2), toDecimal64('2', 2)) AS v, toTypeName(v);
SELECT a.d, b.n FROM (SELECT toDecimal256(number, 2) AS d FROM numbers(3)) AS a JOIN (SELECT toDecimal256(number, 2) AS d, number * 10 AS n FROM numbers(3)) AS b ON a.d = b.d ORDER BY a.d;
SELECT toDecimal256('1.5', 2) + 1.5 AS f, toTypeName(f), cityHash64(toDecimal256('1', 0)) = cityHash64(toDecimal256('1', 0));
-- error: DECIMAL_OVERFLOW
SELECT toDecimal64(toDecimal256('12345678901234567890', 0), 0);
-- error: DECIMAL_OVERFLOW
SELECT toInt64(toDecimal256('12345678901234567890', 0));

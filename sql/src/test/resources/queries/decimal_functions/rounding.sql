SELECT round(toDecimal32('1.25', 2), 1) AS r, toTypeName(r), round(toDecimal32('-1.25', 2), 1), round(toDecimal32('1.24', 2), 1), round(toDecimal32('-2.5', 1));
SELECT floor(toDecimal64('-1.25', 2), 1), ceil(toDecimal64('-1.25', 2), 1), trunc(toDecimal64('-1.29', 2), 1), ceil(toDecimal64('1.21', 2), 1), floor(toDecimal64('1.29', 2)) AS f, toTypeName(f);
SELECT round(toDecimal64('1234.5', 1), -2), floor(toDecimal64('-1234.5', 1), -2), ceil(toDecimal64('1201', 0), -2), trunc(toDecimal64('-1299', 0), -2), round(toDecimal64('1.5', 1), 5);
SELECT roundBankers(toDecimal32('2.5', 1)), roundBankers(toDecimal32('3.5', 1)), roundBankers(toDecimal32('-2.5', 1)), roundBankers(toDecimal32('2.51', 2)), roundBankers(toDecimal32('0.125', 3), 2), roundBankers(toDecimal32('0.135', 3), 2);
SELECT round(toDecimal128('12345678901234567890.125', 3), 2) AS r, toTypeName(r), round(toDecimal128('-12345678901234567890.125', 3), 2), floor(toDecimal128('-0.001', 3)), ceil(toDecimal128('0.001', 3)), trunc(toDecimal128('-99.99', 2));
SELECT roundBankers(toDecimal128('0.5', 1)), roundBankers(toDecimal128('1.5', 1)), roundBankers(toDecimal128('-1.5', 1)), round(toDecimal128('5', 0), -1), round(toDecimal128('-5', 0), -1), floor(toDecimal128('-5', 0), -1);
SELECT d, round(d, 1), floor(d), ceil(d), trunc(d) FROM (SELECT toDecimal64(number, 2) / 4 - 1 AS d FROM numbers(5)) ORDER BY d;
SELECT round(x, 1), floor(x) FROM (SELECT number, CAST(if(number = 0, NULL, '2.45'), 'Nullable(Decimal(9, 2))') AS x FROM numbers(2)) ORDER BY number;
SELECT round(15, -1), round(-15, -1), round(25, -1), roundBankers(25, -1), roundBankers(35, -1), roundBankers(2.5), roundBankers(-3.5);
-- error: DECIMAL_OVERFLOW
SELECT ceil(toDecimal32('9999999.99', 2) + toDecimal32('9999999.99', 2) + toDecimal32('1474836.49', 2));
-- error: DECIMAL_OVERFLOW
SELECT floor(toDecimal128('-1', 0), -39);
SELECT round(toDecimal128('1', 0), -39), trunc(toDecimal128('-123', 0), -40), floor(toDecimal64('1', 0), -25);
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT round(toDecimal32('1.5', 1), 'a');

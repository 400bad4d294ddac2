SELECT toDecimal128('12345678901234567890.123456789', 9) > toDecimal128('12345678901234567890.123456788', 9), toDecimal128('1.50', 2) = toDecimal64('1.5', 1), toDecimal128('3', 2) < 4, toDecimal128('-1', 0) < 0, toDecimal128('1.5', 2) = '1.50';
SELECT toFloat64(toDecimal128('1.25', 2)), toDecimal64(toDecimal128('123.456', 3), 2), toInt64(toDecimal128('-7.9', 1)), toString(toDecimal128('0.10', 2));
SELECT CAST(toDecimal128('-42.75', 2), 'Decimal(9, 1)') AS n, toTypeName(n), toDecimal128(toDecimal32('3.5', 1), 20) AS w;
-- error: DECIMAL_OVERFLOW
SELECT toDecimal64(toDecimal128('12345678901234567890', 0), 0);
-- error: DECIMAL_OVERFLOW
SELECT CAST(toDecimal128('10000000000000000', 0), 'Decimal(18, 2)');

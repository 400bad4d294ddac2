SELECT toDecimal128('10000000000000000000.5', 1) + toDecimal128('0.25', 2) AS s, toTypeName(s);
SELECT toDecimal128('1.5', 1) - toDecimal128('3', 0), toDecimal128('12345678901.5', 1) * toDecimal128('2.25', 2) AS m, toTypeName(m);
SELECT toDecimal128('10', 2) / toDecimal128('3', 1) AS q, toTypeName(q), toDecimal128('-10', 2) / 3;
SELECT toDecimal64('1.5', 1) + toDecimal128('1', 3) AS s, toTypeName(s), toDecimal128('2.5', 1) * 4 AS p, toTypeName(p);
SELECT toDecimal128('99999999999999999999', 0) * toDecimal128('99999999999999999', 0);
-- error: DECIMAL_OVERFLOW
SELECT toDecimal128('100000000000000000000', 0) * toDecimal128('100000000000000000000', 0);
-- error: ILLEGAL_DIVISION
SELECT toDecimal128('1', 2) / toDecimal128('0', 2);

SELECT round(toDecimal256('2.5', 1)), round(toDecimal256('-2.5', 1)), roundBankers(toDecimal256('2.5', 1)), roundBankers(toDecimal256('3.5', 1));
SELECT round(toDecimal256('123456789012345678901234567890123456789012.345', 3), 2) AS r, toTypeName(r), floor(toDecimal256('-1.25', 2), 1), ceil(toDecimal256('1.21', 2), 1), trunc(toDecimal256('-1.29', 2), 1);
SELECT floor(toDecimal256('-0.5', 1)), ceil(toDecimal256('0.5', 1)), round(toDecimal256('1234.5678', 4), -2), round(toDecimal256('7', 0), 3);

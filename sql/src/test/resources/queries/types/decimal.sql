SELECT CAST('12.345', 'Decimal(9, 2)'), CAST('-0.5', 'Decimal(5, 3)'), CAST(7, 'Decimal(10, 2)'), CAST('2.00', 'Decimal64(4)');
-- columns
SELECT CAST('1.5', 'Decimal32(2)') AS d, toTypeName(d), CAST(d, 'Float64') AS f, CAST(d, 'Int32') AS i, CAST(d, 'String') AS s;
SELECT CAST('99.999', 'Decimal(4, 2)') = CAST('99.99', 'Decimal(4, 2)'), CAST('1.25', 'Decimal(6, 2)') > 1.2;
-- error: CANNOT_PARSE_TEXT
SELECT CAST('abc', 'Decimal(9, 2)');
-- error: CANNOT_PARSE_TEXT
SELECT CAST('123456.7', 'Decimal(5, 2)');
-- error: UNKNOWN_TYPE
SELECT CAST('1', 'Decimal(77, 2)');
-- error: NOT_IMPLEMENTED
SELECT CAST(1, 'Int128');

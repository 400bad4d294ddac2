-- columns
SELECT groupBitOr(toUInt8(number)) AS o FROM numbers(3);

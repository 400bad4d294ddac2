-- columns
SELECT toInt64OrZero('12x'), toInt64OrZero('12'), toFloat64OrNull('abc'), toFloat64OrNull('1.5'), toUInt8OrNull('7'), toDateOrNull('2024-13-45');

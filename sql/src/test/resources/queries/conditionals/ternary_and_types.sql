-- columns
SELECT number > 1 ? 1 : 2.5, if(number = 0, toUInt8(1), toInt64(-1)) FROM numbers(2);

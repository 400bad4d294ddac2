-- columns
SELECT sum(toUInt8(number)), sum(toInt8(number) - 10), sum(toFloat32(number)), sum(number) FROM numbers(10);

-- columns
SELECT 1 + 1, 255 + 1, toUInt8(200) + toUInt8(100), toInt8(-100) - toInt8(100), toUInt8(1) - toUInt8(2), toInt32(2) * toInt32(3);

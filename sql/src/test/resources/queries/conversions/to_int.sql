-- columns
SELECT toInt8(300), toUInt8(-1), toInt16('123'), toInt64(-3.9), toUInt32(3.9), toInt32('-42'), toUInt64(-1);

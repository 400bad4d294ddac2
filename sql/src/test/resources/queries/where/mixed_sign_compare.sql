SELECT toUInt64(18446744073709551615) > toInt64(-1), toInt64(-1) < toUInt64(1), toUInt8(255) = toInt16(255), toInt8(-1) < toUInt8(0), 1 = 1.0;

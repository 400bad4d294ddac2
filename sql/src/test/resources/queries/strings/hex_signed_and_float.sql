SELECT hex(toInt8(-1)), hex(toInt16(-2)), hex(toInt64(-1)), hex(1.0), hex(toFloat32(1.0));

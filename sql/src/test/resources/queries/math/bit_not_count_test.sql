SELECT bitNot(toUInt8(0)), bitNot(toInt32(5)), bitCount(255), bitCount(toInt8(-1)), bitTest(5, 0), bitTest(5, 1);

SELECT cityHash64(toUInt8(1), toUInt16(1), toUInt32(1), toUInt64(1)), sipHash64(toInt8(-1), toInt16(-1), toInt32(-1)), murmurHash3_64(toUInt16(1)) != murmurHash3_64(toUInt32(1));

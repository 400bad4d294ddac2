SELECT hex(0), hex(1), hex(255), hex(256), hex(65536), hex(toUInt16(1)), hex(toUInt64(18446744073709551615));

SELECT bitAnd(12, 10), bitOr(12, 10), bitXor(12, 10), bitAnd(-1, 255), toTypeName(bitAnd(toUInt8(1), toUInt16(1)));

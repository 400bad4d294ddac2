SELECT toTypeName(toUInt8(1) + toUInt8(1)), toTypeName(toInt8(1) - toUInt8(1)), toTypeName(toUInt32(1) * toInt16(1)), toTypeName(1 + 1.5);

SELECT bitShiftLeft(1, 10), bitShiftRight(1024, 3), bitShiftRight(-16, 2), bitShiftLeft(toUInt8(1), 7);

SELECT toTypeName(if(1, 1, 2.5)), toTypeName(if(1, toUInt8(1), toInt8(-1))), if(1, NULL, 1), toTypeName(if(1, NULL, 1));

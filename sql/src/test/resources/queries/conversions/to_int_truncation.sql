SELECT toInt32(3.9), toInt32(-3.9), toUInt8(256), toInt8(200), toUInt32(-1);

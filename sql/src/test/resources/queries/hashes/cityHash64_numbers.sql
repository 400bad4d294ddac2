SELECT cityHash64(0), cityHash64(1), cityHash64(-1), cityHash64(256), cityHash64(toInt64(-2)), cityHash64(toUInt32(4294967295)), cityHash64(1.5), cityHash64(toFloat32(0.25));

SELECT sipHash64(0), sipHash64(1), sipHash64(-1), sipHash64(256), sipHash64(toInt64(-2)), sipHash64(toUInt32(4294967295)), sipHash64(1.5), sipHash64(toFloat32(0.25));

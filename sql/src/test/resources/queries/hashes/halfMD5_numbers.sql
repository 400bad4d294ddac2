SELECT halfMD5(0), halfMD5(1), halfMD5(-1), halfMD5(256), halfMD5(toInt64(-2)), halfMD5(toUInt32(4294967295)), halfMD5(1.5), halfMD5(toFloat32(0.25));

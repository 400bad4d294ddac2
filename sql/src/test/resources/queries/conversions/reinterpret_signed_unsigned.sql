SELECT reinterpretAsUInt64(toInt64(-1)), reinterpretAsInt8(toUInt8(255)), reinterpretAsFloat64(toUInt64(4607182418800017408)), reinterpretAsUInt32(toFloat32(1));

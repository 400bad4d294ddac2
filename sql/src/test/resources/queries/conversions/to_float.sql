-- columns
SELECT toFloat64('1.25'), toFloat32(1) / 3, toFloat64(toUInt64(18446744073709551615)), toFloat64('inf'), toFloat64(3);

SELECT toTypeName(sum(toUInt8(1))), toTypeName(sum(toInt32(1))), toTypeName(sum(1.5)), toTypeName(avg(1)), toTypeName(count());

SELECT toDecimal32(1.5, 2), toTypeName(toDecimal32(1, 2));

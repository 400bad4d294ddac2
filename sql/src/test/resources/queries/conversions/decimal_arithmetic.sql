SELECT toDecimal32(1, 2) + toDecimal32(2, 2), toDecimal32(10, 2) / 3, toDecimal64(2, 2) * toDecimal64(3, 3), toTypeName(toDecimal64(2, 2) * toDecimal64(3, 3));

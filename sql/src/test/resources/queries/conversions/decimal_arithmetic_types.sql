SELECT toTypeName(toDecimal32(1.5, 1) - 2), toTypeName(3 * toDecimal64(1.25, 2)), toTypeName(toDecimal32(1, 2) / 3);

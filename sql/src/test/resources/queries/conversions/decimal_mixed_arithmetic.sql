SELECT toDecimal32(1.5, 1) - 2, 3 * toDecimal64(1.25, 2), toDecimal32(1, 1) + toDecimal64(1, 3), toTypeName(toDecimal32(1, 1) + toDecimal64(1, 3)), toDecimal32(-7, 2) / toDecimal32(2, 1);

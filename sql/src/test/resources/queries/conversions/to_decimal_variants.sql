SELECT toDecimal32('1.25', 2), toDecimal64(3.14159, 3), toDecimal32(-1.5, 1), toTypeName(toDecimal64(1, 4));

-- error: ILLEGAL_DIVISION
SELECT toDecimal32(1, 2) / 0;

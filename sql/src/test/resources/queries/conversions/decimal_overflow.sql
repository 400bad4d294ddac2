-- error: DECIMAL_OVERFLOW
SELECT toDecimal32(99999, 4) * toDecimal32(99999, 4);

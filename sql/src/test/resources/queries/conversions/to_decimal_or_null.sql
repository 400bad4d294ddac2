SELECT toDecimal32OrNull('x', 2), toDecimal32OrNull('1.5', 2), toDecimal64OrZero('bad', 3), toDecimal64OrZero('2.25', 3);

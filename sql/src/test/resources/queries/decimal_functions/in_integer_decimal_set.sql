SELECT 2500 IN (toDecimal128('2500', 4)), toUInt32(3) IN (toDecimal32('3.5', 1), toDecimal32('4', 1)), toInt64(4) IN (toDecimal32('3.5', 1), toDecimal32('4', 1)), -7 NOT IN (toDecimal64('-7.00', 2));

SELECT arrayCumSumNonNegative([1, 2, -10, 3]), arrayCumSumNonNegative([-5, 1]);

SELECT arraySum(x -> x * x, [1, 2, 3]), arrayMin(x -> -x, [1, 2, 3]), arrayMax(x -> x % 3, [1, 2, 3]), arrayAvg(x -> x * 2, [1, 2]);

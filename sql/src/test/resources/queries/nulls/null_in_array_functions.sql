SELECT arrayMap(x -> x * 2, [1, NULL, 3]), arrayFilter(x -> x IS NOT NULL, [1, NULL, 3]), arraySum([1, NULL, 3]);

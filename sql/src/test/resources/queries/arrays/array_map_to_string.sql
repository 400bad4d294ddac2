SELECT arrayMap(x -> toString(x), [1, 2]), arrayMap(x -> x > 1, [1, 2, 3]);

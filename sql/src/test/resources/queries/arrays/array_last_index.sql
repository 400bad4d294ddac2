SELECT arrayLastIndex(x -> x > 1, [1, 2, 3, 1]), arrayLastIndex(x -> x > 5, [1, 2]), arrayFirstIndex(x -> x > 1, [1, 2, 3]);

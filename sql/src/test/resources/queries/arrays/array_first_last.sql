SELECT arrayFirst(x -> x > 1, [1, 2, 3]), arrayFirstIndex(x -> x > 1, [1, 2, 3]), arrayFirst(x -> x > 9, [1, 2, 3]);

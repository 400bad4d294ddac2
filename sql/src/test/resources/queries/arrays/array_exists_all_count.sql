SELECT arrayExists(x -> x > 2, [1, 2, 3]), arrayAll(x -> x > 0, [1, 2, 3]), arrayCount(x -> x > 1, [1, 2, 3]), arrayCount([0, 1, 0, 1]);

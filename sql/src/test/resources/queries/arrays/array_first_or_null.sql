SELECT arrayFirstOrNull(x -> x > 1, [1, 2, 3]), arrayFirstOrNull(x -> x > 5, [1, 2]), arrayLastOrNull(x -> x < 3, [1, 2, 3]);

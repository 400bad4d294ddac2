SELECT arrayExists(x -> x > 2, [1, 2, 3]), arrayAll(x -> x > 0, [1, 2]), arrayExists(x -> x > 0, emptyArrayInt8()), arrayAll(x -> x > 0, emptyArrayInt8());

SELECT arrayFill(x -> x > 0, [5, 0, 0, 2, 0]), arrayReverseFill(x -> x > 0, [0, 0, 3, 0, 4]);

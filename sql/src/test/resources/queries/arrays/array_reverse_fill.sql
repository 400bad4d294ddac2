SELECT arrayReverseFill(x -> NOT isNull(x), [1, NULL, 3, 11, 12, NULL, NULL, 5, 6, 14, NULL, NULL]);

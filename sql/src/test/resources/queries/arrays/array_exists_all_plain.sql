SELECT arrayExists([0, 0, 1]), arrayAll([1, 1, 0]), arrayCount([1, 0, 1, 1]);

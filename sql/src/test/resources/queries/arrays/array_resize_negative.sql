SELECT arrayResize([1, 2, 3], -2), arrayResize([1], -3);

SELECT arrayResize([1, 2, 3], 5), arrayResize([1, 2, 3], 2), arrayResize([1, 2], 4, 9), arrayResize(['a'], 3);

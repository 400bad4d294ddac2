SELECT arraySlice([1, 2, 3], 0, 2), arraySlice([1, 2, 3], -5, 2), arraySlice([1, 2, 3], 1, 0);

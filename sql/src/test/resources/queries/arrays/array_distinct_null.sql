SELECT arrayDistinct([1, NULL, 1, NULL, 2]);

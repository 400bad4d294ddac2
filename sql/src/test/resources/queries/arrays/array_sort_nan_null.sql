SELECT arraySort([3, NULL, 1, NULL, 2]), arrayReverseSort([3, NULL, 1]);

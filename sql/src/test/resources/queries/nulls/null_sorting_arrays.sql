SELECT arraySort([3, NULL, 1]), arrayReverseSort([NULL, 2, 1]);

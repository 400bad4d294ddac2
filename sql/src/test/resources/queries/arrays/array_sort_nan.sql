SELECT arraySort([nan, 1, -inf, inf, 0]), arrayReverseSort([nan, 1, 0]);

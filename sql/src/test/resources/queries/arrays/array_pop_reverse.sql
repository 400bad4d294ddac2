SELECT arrayPopBack([1, 2, 3]), arrayPopFront([1, 2, 3]), arrayReverse([1, 2, 3]), arrayDistinct([1, 1, 2, 3, 3]);

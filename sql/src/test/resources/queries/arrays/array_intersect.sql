SELECT arraySort(arrayIntersect([1, 2, 3], [2, 3, 4])), arrayIntersect([1, 2], [3]);

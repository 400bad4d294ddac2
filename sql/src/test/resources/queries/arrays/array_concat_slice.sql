SELECT arrayConcat([1, 2], [3], []), arraySlice([1, 2, 3, 4, 5], 2, 3), arraySlice([1, 2, 3, 4, 5], -2), arrayPushBack([1], 2), arrayPushFront([1], 0);

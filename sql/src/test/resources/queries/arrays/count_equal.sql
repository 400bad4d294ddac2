SELECT countEqual([1, 2, 2, 3, 2], 2), countEqual(['a', 'b'], 'c'), countEqual(emptyArrayUInt8(), 1);

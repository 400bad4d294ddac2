SELECT arrayPushBack([1, 2], 3), arrayPushFront([1, 2], 0), arrayPopBack([1, 2, 3]), arrayPopFront([1, 2, 3]), arrayPopBack(emptyArrayUInt8());

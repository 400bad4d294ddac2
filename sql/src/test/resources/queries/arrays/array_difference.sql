SELECT arrayDifference([1, 4, 9, 16]), arrayDifference([10, 3]), arrayDifference([1.5, 1.0]), arrayDifference(emptyArrayInt32());

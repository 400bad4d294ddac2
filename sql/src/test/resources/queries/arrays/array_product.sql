SELECT arrayProduct([1, 2, 3, 4]), arrayProduct([1.5, 2]);

SELECT arrayReduce('max', [1, 3, 2]), arrayReduce('sum', [1, 2, 3]), arrayReduce('uniqExact', [1, 1, 2]);

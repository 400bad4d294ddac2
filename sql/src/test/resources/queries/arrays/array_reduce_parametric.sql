SELECT arrayReduce('quantileExact(0.5)', [1, 2, 3, 4, 5]);

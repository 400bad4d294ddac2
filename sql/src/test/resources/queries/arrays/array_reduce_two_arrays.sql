SELECT arrayReduce('argMax', ['a', 'b', 'c'], [3, 9, 1]);

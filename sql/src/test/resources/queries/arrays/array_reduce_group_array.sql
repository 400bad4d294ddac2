SELECT arrayReduce('groupArray', [3, 1, 2]);

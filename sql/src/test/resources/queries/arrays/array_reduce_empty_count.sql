SELECT arrayReduce('count', []), arrayReduce('groupArray', []);

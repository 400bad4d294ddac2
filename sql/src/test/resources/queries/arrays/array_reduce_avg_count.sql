SELECT arrayReduce('avg', [1, 2, 3, 4]), arrayReduce('count', [5, 6]), arrayReduce('min', ['b', 'a']);

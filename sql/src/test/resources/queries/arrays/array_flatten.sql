SELECT arrayFlatten([[1, 2], [3], []]), arrayFlatten([[[1]], [[2, 3]]]), flatten([['a'], ['b', 'c']]);

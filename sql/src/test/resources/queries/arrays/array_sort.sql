SELECT arraySort([3, 1, 2]), arrayReverseSort([3, 1, 2]), arraySort(['b', 'a', 'c']), arraySort(x -> -x, [1, 3, 2]);

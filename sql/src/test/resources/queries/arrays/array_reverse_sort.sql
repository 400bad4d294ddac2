SELECT arrayReverseSort([3, 1, 2]), arrayReverseSort(x -> -x, [3, 1, 2]), arrayReverseSort([1.5, -1, 0]);

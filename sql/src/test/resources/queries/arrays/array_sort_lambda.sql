SELECT arraySort(x -> -x, [3, 1, 2]), arraySort((x, y) -> y, ['a', 'b', 'c'], [3, 1, 2]);

SELECT arrayMap(x -> x * 2, [1, 2, 3]), arrayFilter(x -> x % 2 = 1, [1, 2, 3, 4, 5]), arrayMap((x, y) -> x + y, [1, 2], [10, 20]);

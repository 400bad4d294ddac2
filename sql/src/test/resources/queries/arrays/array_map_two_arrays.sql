SELECT arrayMap((x, y) -> x * y, [1, 2, 3], [4, 5, 6]), arrayMap((a, b) -> concat(a, b), ['a', 'b'], ['1', '2']);

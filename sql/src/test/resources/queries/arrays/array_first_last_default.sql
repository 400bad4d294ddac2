SELECT arrayFirst(x -> x > 5, [1, 2]), arrayLast(x -> x > 1, [1, 2, 3]), arrayFirst(x -> x = 'b', ['a', 'b']);

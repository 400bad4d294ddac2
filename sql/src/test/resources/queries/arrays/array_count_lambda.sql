SELECT arrayCount(x -> x % 2 = 0, [1, 2, 3, 4, 6]), arrayCount(x -> x > 10, [1]);

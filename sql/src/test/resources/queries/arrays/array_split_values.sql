SELECT arraySplit(x -> x = 0, [1, 0, 2, 0, 0, 3]);

SELECT length([[1], [2, 3], []]), arrayMap(x -> length(x), [[1], [2, 3], []]);

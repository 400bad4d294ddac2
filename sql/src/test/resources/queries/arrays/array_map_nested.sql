SELECT arrayMap(x -> arrayMap(y -> y * 2, x), [[1, 2], [3]]);

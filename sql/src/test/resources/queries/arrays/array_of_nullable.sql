SELECT [1, NULL, 3], toTypeName([1, NULL, 3]), arrayFilter(x -> isNotNull(x), [1, NULL, 3]);

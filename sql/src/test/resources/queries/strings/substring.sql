SELECT substring('abcdef', 2), substring('abcdef', 2, 3), substring('abcdef', -2), substring('abcdef', 10), substr('abcdef', 0, 2), substring('abc', 1, 0);

SELECT substring('hello', -3), substring('hello', -3, 2), substring('hello', 0), substring('hello', 10);

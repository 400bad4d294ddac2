SELECT substring('привет', 1, 2), substring('hello', -3, 2), substring('hello', 2);

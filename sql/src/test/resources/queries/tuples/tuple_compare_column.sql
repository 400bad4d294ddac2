SELECT number, (number, 1) < (2, 0) FROM numbers(4);

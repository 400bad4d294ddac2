SELECT number, number * 2 + 1, number - 5 FROM numbers(4);

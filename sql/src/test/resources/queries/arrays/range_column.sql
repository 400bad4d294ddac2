SELECT number, range(number) FROM numbers(4);

SELECT number FROM numbers(10, 3);

SELECT number FROM numbers(5);

SELECT number, repeat('-', number) FROM numbers(4);

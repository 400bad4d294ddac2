SELECT number FROM numbers(10) WHERE (number % 3, number) > (1, 5);

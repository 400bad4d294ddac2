SELECT number FROM numbers(6) WHERE (number % 2, number % 3) IN ((0, 0), (1, 2));

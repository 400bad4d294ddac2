SELECT number FROM numbers(5) LIMIT 0 BY number % 2;

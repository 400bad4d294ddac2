SELECT number FROM numbers(10) ORDER BY number LIMIT 1, 2 BY number % 3;

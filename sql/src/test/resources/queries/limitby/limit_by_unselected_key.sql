SELECT number FROM numbers(6) ORDER BY number LIMIT 1 BY number % 2;

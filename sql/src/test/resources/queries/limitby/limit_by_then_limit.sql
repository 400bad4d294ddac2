SELECT number FROM numbers(10) ORDER BY number LIMIT 2 BY number % 3 LIMIT 4;

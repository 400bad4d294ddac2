SELECT number FROM numbers(10) ORDER BY number LIMIT 1 OFFSET 1 BY number % 3;

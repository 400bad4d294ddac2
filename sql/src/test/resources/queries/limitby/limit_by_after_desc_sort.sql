SELECT number % 2 AS k, number FROM numbers(6) ORDER BY number DESC LIMIT 2 BY k;

SELECT number * -1 AS neg FROM numbers(4) ORDER BY neg;
SELECT number, 10 - number FROM numbers(3) ORDER BY 2;

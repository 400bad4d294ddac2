SELECT corr(number, 2 * number + 1), corr(number, 100 - number) FROM numbers(20);

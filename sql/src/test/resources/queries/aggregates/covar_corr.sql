SELECT covarPop(number, number * number), covarSamp(number, number * 2), corr(number, number * number) FROM numbers(10);

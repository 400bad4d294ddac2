SELECT varSamp(number), stddevSamp(number), covarSamp(number, number), varPop(number) FROM numbers(1);

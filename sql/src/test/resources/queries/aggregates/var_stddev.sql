SELECT varPop(number), varSamp(number), stddevPop(number), stddevSamp(number) FROM numbers(10);

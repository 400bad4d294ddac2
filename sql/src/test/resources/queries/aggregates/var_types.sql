-- columns
SELECT varPop(number) AS v, corr(number, number) AS c FROM numbers(3);

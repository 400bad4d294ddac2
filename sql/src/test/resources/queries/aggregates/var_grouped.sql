SELECT number % 2 AS k, varPop(number), stddevPop(number) FROM numbers(10) GROUP BY k ORDER BY k;

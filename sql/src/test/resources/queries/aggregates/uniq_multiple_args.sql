SELECT uniqExact(number % 2, number % 3), uniq(number % 2, number % 3) FROM numbers(100);

SELECT uniqCombined(number % 7), uniqHLL12(number % 10), uniq(number % 13), uniqExact(number % 5) FROM numbers(100);

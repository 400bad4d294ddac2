SELECT uniqCombined(number), uniq(number), uniqExact(number) FROM numbers(1000);

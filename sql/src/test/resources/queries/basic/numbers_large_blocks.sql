SELECT count(), sum(number), min(number), max(number) FROM numbers(200000);

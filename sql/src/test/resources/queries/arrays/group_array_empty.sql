SELECT groupArray(number) FROM numbers(0);

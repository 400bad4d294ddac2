SELECT groupArray(2)(number) FROM numbers(10);

SELECT groupArray(2)(number), groupArray(20)(number) FROM numbers(5);

SELECT sumResample(0, 9, 3)(number, number) FROM numbers(12);

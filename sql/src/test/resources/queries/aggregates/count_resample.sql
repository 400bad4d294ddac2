SELECT countResample(0, 10, 5)(number, number) FROM numbers(10);

SELECT quantilesExact(0.1, 0.5, 0.9)(number) FROM numbers(10);

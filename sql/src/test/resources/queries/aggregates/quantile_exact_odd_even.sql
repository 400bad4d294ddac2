SELECT quantileExact(0.5)(number), medianExact(number) FROM numbers(11);

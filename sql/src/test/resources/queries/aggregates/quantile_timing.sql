SELECT quantileTiming(0.5)(number), quantileTiming(0.9)(number), medianTiming(number) FROM numbers(10);

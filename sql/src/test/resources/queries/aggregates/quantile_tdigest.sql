SELECT quantileTDigest(0.5)(number), quantileTDigest(0.9)(number), quantileTDigest(0.1)(number), medianTDigest(number) FROM numbers(10);

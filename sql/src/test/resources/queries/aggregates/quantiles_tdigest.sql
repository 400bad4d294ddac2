SELECT quantilesTDigest(0.25, 0.75)(number) FROM numbers(10);

SELECT medianExact(number), median(number), quantileExact(0.5)(number) FROM numbers(10);

SELECT quantile(0.5)(number), median(number), quantile(0.9)(number), quantileExact(0.5)(number) FROM numbers(10);

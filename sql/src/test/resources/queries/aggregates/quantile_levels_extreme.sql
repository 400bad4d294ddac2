SELECT quantile(0)(number), quantile(1)(number), quantileExact(0)(number), quantileExact(1)(number) FROM numbers(7);

SELECT number % 3 AS k, quantileExact(0.5)(number), quantile(0.5)(number) FROM numbers(12) GROUP BY k ORDER BY k;

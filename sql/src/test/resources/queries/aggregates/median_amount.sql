SELECT action, median(amount), quantileExact(0.9)(amount) FROM events GROUP BY action ORDER BY action;

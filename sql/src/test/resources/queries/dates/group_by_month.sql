SELECT toYYYYMM(timestamp) AS month, count(), sum(amount) FROM events GROUP BY month ORDER BY month;

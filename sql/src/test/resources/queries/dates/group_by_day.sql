SELECT toStartOfDay(timestamp) AS day, count(), round(sum(amount), 2) FROM events WHERE timestamp < '2024-01-06 00:00:00' GROUP BY day ORDER BY day;

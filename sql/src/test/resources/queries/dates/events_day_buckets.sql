SELECT toStartOfDay(timestamp) AS d, count() FROM events GROUP BY d ORDER BY d LIMIT 4;

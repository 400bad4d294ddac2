SELECT toHour(timestamp) AS h, count() FROM events GROUP BY h ORDER BY h LIMIT 5;

SELECT toDayOfWeek(timestamp) AS d, count() FROM events GROUP BY d ORDER BY d;

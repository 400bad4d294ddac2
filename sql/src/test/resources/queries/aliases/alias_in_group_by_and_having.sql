SELECT toDate(timestamp) AS d, count() AS c FROM events GROUP BY d HAVING c >= 5 ORDER BY d LIMIT 3;

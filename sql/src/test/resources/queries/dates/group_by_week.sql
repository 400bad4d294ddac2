SELECT toMonday(timestamp) AS w, count(), round(sum(amount), 2) FROM events GROUP BY w ORDER BY w;

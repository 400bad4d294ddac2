SELECT action, count() FROM events GROUP BY 1 ORDER BY 2 DESC, 1;

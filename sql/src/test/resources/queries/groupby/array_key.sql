SELECT tags, count() FROM events GROUP BY tags ORDER BY tags;

SELECT tag, count() FROM events ARRAY JOIN tags AS tag GROUP BY tag ORDER BY tag;

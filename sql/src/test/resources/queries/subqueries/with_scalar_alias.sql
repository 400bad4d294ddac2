WITH 3 AS k SELECT number * k FROM numbers(3);
WITH (SELECT count() FROM events) AS total SELECT action, round(count() / total, 4) AS share FROM events GROUP BY action ORDER BY share DESC;

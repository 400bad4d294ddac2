SELECT action, c FROM (SELECT action, count() AS c FROM events GROUP BY action) WHERE c > 10 ORDER BY c;
SELECT max(c) FROM (SELECT user_id, count() AS c FROM events GROUP BY user_id) AS per_user;

SELECT user_id, count() AS c FROM events GROUP BY user_id HAVING c > 13 ORDER BY user_id;
SELECT action FROM events GROUP BY action HAVING sum(amount) > 100 ORDER BY action;

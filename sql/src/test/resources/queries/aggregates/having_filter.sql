SELECT user_id, count() AS c FROM events GROUP BY user_id HAVING c > 13 ORDER BY c DESC, user_id LIMIT 5;

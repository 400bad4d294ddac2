SELECT action, uniqExactIf(user_id, amount > 0) FROM events GROUP BY action ORDER BY action;

SELECT action, sum(if(amount > 0, 1, 0)), sumIf(amount, amount > 5) FROM events GROUP BY action ORDER BY action;

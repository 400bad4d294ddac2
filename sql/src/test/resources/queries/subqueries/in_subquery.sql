SELECT count() FROM events WHERE user_id IN (SELECT user_id FROM events WHERE action = 'purchase');
SELECT number FROM numbers(10) WHERE number IN (SELECT number * 3 FROM numbers(3)) ORDER BY number;
SELECT count() FROM events WHERE user_id NOT IN (SELECT user_id FROM events WHERE action = 'signup');

WITH purchases AS (SELECT user_id, amount FROM events WHERE action = 'purchase')
SELECT count(), sum(amount) FROM purchases;
WITH t AS (SELECT number AS n FROM numbers(5)), u AS (SELECT n * 2 AS m FROM t)
SELECT sum(m) FROM u;

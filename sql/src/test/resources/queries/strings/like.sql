SELECT 'hello' LIKE 'he%', 'hello' LIKE '%ll%', 'hello' LIKE '%lo', 'hello' LIKE 'h_llo', 'hello' NOT LIKE 'x%', 'HELLO' ILIKE 'he%', 'a%b' LIKE 'a\\%b', 'hello' LIKE 'hello';
SELECT count() FROM events WHERE user_id LIKE 'u1%';

SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' LIKE 'a', 'a%c' LIKE 'a\\%c', 'abc' NOT LIKE '%z%', 'ABC' ILIKE 'abc';

SELECT 'a_b' LIKE 'a\\_b', 'axb' LIKE 'a\\_b', '100%' LIKE '100\\%', 'abc' NOT LIKE 'a%';

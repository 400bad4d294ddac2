SELECT 'HeLLo' ILIKE 'hello', 'HeLLo' ILIKE 'h%O', 'abc' NOT ILIKE 'A%';

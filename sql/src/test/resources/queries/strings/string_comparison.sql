SELECT 'a' < 'b', 'abc' = 'abc', 'B' < 'a', '' < 'a', 'ab' > 'a';

SELECT cityHash64(CAST('a' AS Enum8('a' = 1))), sipHash64(CAST('b' AS Enum16('a' = 1, 'b' = 300)));

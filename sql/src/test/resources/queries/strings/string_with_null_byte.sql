SELECT length('a\0b'), 'a\0b' = 'a\0b', hex('a\0b');

SELECT substring(toFixedString('abcdef', 6), 2, 3), substring(toFixedString('ab', 4), 1, 4) = 'ab\0\0';

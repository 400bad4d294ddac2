SELECT hex(MD5('')), hex(MD5('abc')), hex(MD5('The quick brown fox jumps over the lazy dog')), toTypeName(MD5('abc')), length(MD5('abc'));

SELECT murmurHash3_32('a', 'b'), murmurHash3_32('b', 'a'), murmurHash3_32(1, 'x'), murmurHash3_32('x', 1, 2.5), murmurHash3_32([1, 2, 3]), murmurHash3_32(['a'], 'b');

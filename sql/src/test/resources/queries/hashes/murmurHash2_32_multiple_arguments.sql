SELECT murmurHash2_32('a', 'b'), murmurHash2_32('b', 'a'), murmurHash2_32(1, 'x'), murmurHash2_32('x', 1, 2.5), murmurHash2_32([1, 2, 3]), murmurHash2_32(['a'], 'b');

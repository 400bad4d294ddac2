SELECT murmurHash2_64('a', 'b'), murmurHash2_64('b', 'a'), murmurHash2_64(1, 'x'), murmurHash2_64('x', 1, 2.5), murmurHash2_64([1, 2, 3]), murmurHash2_64(['a'], 'b');

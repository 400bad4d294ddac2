SELECT murmurHash3_64('a', 'b'), murmurHash3_64('b', 'a'), murmurHash3_64(1, 'x'), murmurHash3_64('x', 1, 2.5), murmurHash3_64([1, 2, 3]), murmurHash3_64(['a'], 'b');

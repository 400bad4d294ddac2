SELECT hex(murmurHash3_128('')), hex(murmurHash3_128('abc')), hex(murmurHash3_128('The quick brown fox jumps over the lazy dog'));

SELECT toTypeName(cityHash64('a')), toTypeName(murmurHash2_32('a')), toTypeName(murmurHash3_32('a')), toTypeName(intHash32(1)), toTypeName(intHash64(1)), toTypeName(halfMD5('a'));

SELECT murmurHash2_64(''), murmurHash2_64('a'), murmurHash2_64('abc'), murmurHash2_64('The quick brown fox jumps over the lazy dog'), murmurHash2_64('ClickHouse ™ юникод');

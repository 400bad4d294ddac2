SELECT murmurHash3_64(''), murmurHash3_64('a'), murmurHash3_64('abc'), murmurHash3_64('The quick brown fox jumps over the lazy dog'), murmurHash3_64('ClickHouse ™ юникод');

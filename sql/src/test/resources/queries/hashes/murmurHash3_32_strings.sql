SELECT murmurHash3_32(''), murmurHash3_32('a'), murmurHash3_32('abc'), murmurHash3_32('The quick brown fox jumps over the lazy dog'), murmurHash3_32('ClickHouse ™ юникод');

SELECT murmurHash2_32(''), murmurHash2_32('a'), murmurHash2_32('abc'), murmurHash2_32('The quick brown fox jumps over the lazy dog'), murmurHash2_32('ClickHouse ™ юникод');

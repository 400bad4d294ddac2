SELECT cityHash64(''), cityHash64('a'), cityHash64('abc'), cityHash64('The quick brown fox jumps over the lazy dog'), cityHash64('ClickHouse ™ юникод');

SELECT sipHash64(''), sipHash64('a'), sipHash64('abc'), sipHash64('The quick brown fox jumps over the lazy dog'), sipHash64('ClickHouse ™ юникод');

SELECT halfMD5(''), halfMD5('a'), halfMD5('abc'), halfMD5('The quick brown fox jumps over the lazy dog'), halfMD5('ClickHouse ™ юникод');

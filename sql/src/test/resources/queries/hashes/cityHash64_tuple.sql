SELECT cityHash64((1, 'a')), cityHash64(1, 'a'), sipHash64((1, 'a'));

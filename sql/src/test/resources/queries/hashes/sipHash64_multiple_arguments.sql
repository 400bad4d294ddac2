SELECT sipHash64('a', 'b'), sipHash64('b', 'a'), sipHash64(1, 'x'), sipHash64('x', 1, 2.5), sipHash64([1, 2, 3]), sipHash64(['a'], 'b');

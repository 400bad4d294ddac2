SELECT cityHash64('a', 'b'), cityHash64('b', 'a'), cityHash64(1, 'x'), cityHash64('x', 1, 2.5), cityHash64([1, 2, 3]), cityHash64(['a'], 'b');

SELECT halfMD5('a', 'b'), halfMD5('b', 'a'), halfMD5(1, 'x'), halfMD5('x', 1, 2.5), halfMD5([1, 2, 3]), halfMD5(['a'], 'b');

SELECT replicate(1, ['a', 'b', 'c']), replicate('x', [1, 2]);

SELECT cityHash64([[1], [2, 3]]), cityHash64([['a', 'b'], []]), sipHash64([[1], [2, 3]]);

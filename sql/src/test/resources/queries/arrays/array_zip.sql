SELECT arrayZip([1, 2, 3], ['a', 'b', 'c']), arrayZip([1], [2], [3]);

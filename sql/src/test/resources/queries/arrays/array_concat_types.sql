SELECT arrayConcat([1, 2], [3], []), arrayConcat(['a'], ['b', 'c']);

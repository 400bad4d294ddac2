SELECT replaceAll('aaa', 'a', 'bb'), replaceOne('aaa', 'a', 'b'), replace('abc', '', 'x'), replaceRegexpAll('a1b22c', '[0-9]+', '#'), replaceRegexpOne('a1b22c', '[0-9]+', '#');

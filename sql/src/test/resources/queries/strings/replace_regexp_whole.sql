SELECT replaceRegexpOne('abc', '.*', '[\\0]'), replaceRegexpAll('abc', 'b|c', '<\\0>');

SELECT arrayDistinct([1, 2, 2, 3, 1]), arrayDistinct(['a', 'a']), arrayDistinct(emptyArrayString());

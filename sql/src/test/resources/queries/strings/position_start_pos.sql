SELECT position('abcabc', 'b', 3), position('abcabc', 'b', 1), position('abc', 'b', 10);

SELECT replaceRegexpAll('a1b2c3', '\\d', '#'), replaceRegexpAll('Hello World', '(\\w+) (\\w+)', '\\2 \\1');

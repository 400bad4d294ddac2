SELECT replaceRegexpOne('a1b2c3', '\\d', '#'), replaceRegexpOne('2024-03-10', '(\\d+)-(\\d+)-(\\d+)', '\\3.\\2.\\1');

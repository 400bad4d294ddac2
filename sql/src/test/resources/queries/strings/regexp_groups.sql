SELECT replaceRegexpAll('2024-03-10', '(\\d+)-(\\d+)-(\\d+)', '\\3/\\2/\\1'), extract('user=alice;id=7', 'id=(\\d+)'), extractAll('a1b2c3', '[0-9]');

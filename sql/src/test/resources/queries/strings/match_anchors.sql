SELECT match('abc', '^a'), match('abc', 'c$'), match('abc', '^b'), match('ABC', '(?i)abc'), match('', '^$');

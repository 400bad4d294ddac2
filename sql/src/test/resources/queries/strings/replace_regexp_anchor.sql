SELECT replaceRegexpAll('   trim me   ', '^\\s+|\\s+$', ''), replaceRegexpOne('aaa', 'a', 'b');

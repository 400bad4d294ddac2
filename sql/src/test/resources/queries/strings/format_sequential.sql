SELECT format('{} and {}', 'a', 'b');

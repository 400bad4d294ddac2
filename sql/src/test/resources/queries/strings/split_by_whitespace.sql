SELECT splitByWhitespace('  one two\tthree\n four ');

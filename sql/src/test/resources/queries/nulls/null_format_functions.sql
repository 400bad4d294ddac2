SELECT format('{}-{}', 'a', NULL), concatWithSeparator('-', NULL, 'b'), leftPad(NULL, 3);

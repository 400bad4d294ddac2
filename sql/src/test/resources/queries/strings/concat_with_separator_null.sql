SELECT concatWithSeparator('-', 'a', NULL, 'c');

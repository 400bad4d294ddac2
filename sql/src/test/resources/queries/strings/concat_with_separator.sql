SELECT concatWithSeparator('-', 'a', 'b', 'c'), concatWithSeparator(', ', 'one');

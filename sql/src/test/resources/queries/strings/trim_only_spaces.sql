SELECT concat('[', trimBoth('  a b  '), ']'), concat('[', trimLeft('  a '), ']'), concat('[', trimRight(' a  '), ']');

SELECT trimBoth('  a b  '), trimLeft('  a '), trimRight(' a  '), concat('[', trim('   '), ']');

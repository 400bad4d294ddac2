SELECT replaceAll('a-b-c', '-', '+'), replaceOne('a-b-c', '-', '+'), splitByChar(',', 'a,b,,c'), trim('  x  '), trimLeft('  x'), trimRight('x  ');

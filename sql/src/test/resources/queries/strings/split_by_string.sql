SELECT splitByString('::', 'a::b::c'), splitByString(', ', 'x, y'), splitByString('--', '--a--');

SELECT repeat('ab', 3), repeat('x', 0), repeat('', 5);

SELECT mapContains(map('a', 1), 'a'), mapContains(map('a', 1), 'b'), mapContainsKey(map(1, 'x'), 1);

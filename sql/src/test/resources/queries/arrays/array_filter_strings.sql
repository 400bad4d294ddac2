SELECT arrayFilter(s -> s LIKE 'a%', ['apple', 'banana', 'avocado']), arrayFilter(x -> x != 0, [0, 1, 0, 2]);

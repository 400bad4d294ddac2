SELECT number, arrayMap(x -> x + number, [1, 2]) FROM numbers(3);

SELECT s FROM (SELECT arrayElement(['b', 'B', 'a', 'ab', ''], toInt64(number + 1)) AS s FROM numbers(5)) ORDER BY s;

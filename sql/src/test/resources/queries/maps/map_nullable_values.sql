SELECT map('a', NULL, 'b', 1) AS m, m['a'], m['b'], m['c'];

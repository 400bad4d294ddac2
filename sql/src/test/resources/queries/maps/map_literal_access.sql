SELECT map('a', 1, 'b', 2) AS m, m['b'], m['zz'];

SELECT concat('a', 'b', 'c'), concat('', ''), concat('x', toString(1), toString(2.5));

SELECT LOWER('A'), Upper('b'), COALESCE(NULL, 1), ABS(-3), CONCAT('x', 'y'), LENGTH('abc');

-- columns
SELECT [1, 2, 3], ['a', 'b'], [1, NULL], [[1], [2, 3]], [1, 2.5];

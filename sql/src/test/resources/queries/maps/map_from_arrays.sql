SELECT mapFromArrays(['a', 'b'], [1, 2]), mapFromArrays([1, 2], ['x', 'y'])[2];

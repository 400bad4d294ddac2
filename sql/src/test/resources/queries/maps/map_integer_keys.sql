SELECT map(1, 'x', 2, 'y')[2], map(1, 'x', 2, 'y')[3];

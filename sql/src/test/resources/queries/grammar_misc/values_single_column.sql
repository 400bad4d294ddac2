SELECT sum(c1) FROM values(1, 2, 3);

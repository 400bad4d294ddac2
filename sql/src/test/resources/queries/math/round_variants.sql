SELECT round(2.5), round(3.5), round(-2.5), round(1.2345, 2), round(1234.5, -2), floor(-1.5), ceil(-1.5), trunc(-1.7);

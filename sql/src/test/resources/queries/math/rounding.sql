SELECT round(2.5), round(3.5), round(-2.5), round(3.14159, 2), round(1234, -2), floor(2.7), ceil(2.1), floor(-2.5), ceil(-2.5), round(15, -1), trunc(-2.7);

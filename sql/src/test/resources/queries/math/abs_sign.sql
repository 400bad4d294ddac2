SELECT abs(-5), abs(5), abs(-2.5), sign(-3), sign(0), sign(2.5);

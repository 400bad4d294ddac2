SELECT abs(-5), abs(5.5), pow(2, 10), sqrt(16), log(1), exp(0), greatest(1, 5, 3), least(4, 2.5), sign(-3), intDiv(7, 2), modulo(7, 3);

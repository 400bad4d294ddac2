SELECT intDiv(7, 2), intDiv(-7, 2), 7 % 3, -7 % 3, modulo(7, -3), intDivOrZero(5, 0);

SELECT intExp2(10), intExp10(3), intExp2(0), intExp10(0);

SELECT cbrt(27), exp2(10), exp10(3), round(e(), 10), round(pi(), 10);

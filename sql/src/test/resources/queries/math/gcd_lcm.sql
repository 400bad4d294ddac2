SELECT gcd(12, 18), lcm(4, 6), gcd(-12, 18), lcm(7, 3);

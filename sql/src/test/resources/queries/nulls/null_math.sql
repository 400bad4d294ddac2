SELECT sin(NULL), gcd(NULL, 2), isNaN(NULL), repeat('x', NULL);

SELECT and(1, 1), and(1, 0), or(0, 0), or(0, 1), not(1), xor(1, 0), 1 AND NULL, 0 AND NULL, 1 OR NULL;

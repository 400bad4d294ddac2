SELECT round(atan2(1, 1), 6), hypot(3, 4);

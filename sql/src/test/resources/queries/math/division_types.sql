SELECT 7 / 2, 1 / 0, -1 / 0, 0 / 0, toTypeName(7 / 2);

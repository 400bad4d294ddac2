-- columns
SELECT 10 / 4, 1 / 0, -1 / 0, 0 / 0, intDiv(10, 3), intDiv(-10, 3), 10 % 3, -10 % 3, 10 DIV 4;

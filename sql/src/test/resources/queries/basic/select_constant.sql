-- columns
SELECT 1, 'x', 2.5, true, -1, 1000000;
SELECT NULL;

SELECT * APPLY(x -> x + 1) FROM (SELECT 1 AS a, 2 AS b);

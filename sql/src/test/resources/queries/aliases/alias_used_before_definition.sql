SELECT y + 1, number * 2 AS y FROM numbers(3);

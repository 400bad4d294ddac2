-- columns
SELECT COLUMNS('^x') APPLY(toString) FROM (SELECT 1 AS x1, 2 AS y, 3 AS x2);

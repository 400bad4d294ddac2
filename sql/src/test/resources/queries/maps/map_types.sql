-- columns
SELECT map('k', 1) AS a, map(1, 'v') AS b, map('x', 1.5, 'y', 2) AS c;

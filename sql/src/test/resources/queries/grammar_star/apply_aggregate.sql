-- columns
SELECT * APPLY(sum) FROM (SELECT number AS a, number * 2 AS b FROM numbers(4));

-- columns
SELECT sumMap([1, 2], [10, 20]) AS m;

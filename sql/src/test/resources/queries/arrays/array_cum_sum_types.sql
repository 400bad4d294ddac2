-- columns
SELECT arrayCumSum([1, 2]) AS u, arrayCumSum([-1, 2]) AS s, arrayCumSum([1.5]) AS f;

-- columns
SELECT arraySum([1, 2, 3]) AS s, arraySum([1.5, 2.5]) AS f, arrayAvg([1, 2]) AS a, arrayMin([3, 1]) AS mn, arrayMax([-3, 1]) AS mx;

SELECT arraySum([1, 2, 3]), arraySum([1.5, 2.5]), arrayMin([3, 1, 2]), arrayMax([3, 1, 2]), arrayAvg([1, 2, 3, 4]);

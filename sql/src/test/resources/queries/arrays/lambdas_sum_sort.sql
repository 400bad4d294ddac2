-- columns
SELECT arraySum([1, 2, 3]) AS s, arraySum(x -> x * 1.5, [1, 2]) AS f, arraySum([-1, -2]) AS neg, arrayAvg([1, 2]) AS a, arrayMin([3, 1, 2]) AS mn, arrayMax(['b', 'c', 'a']) AS mx;
SELECT arraySum([]), arraySum([NULL, 1, 2]), arrayMax(x -> -x, [1, 2, 3]);
SELECT arraySort([3, 1, 2]), arraySort(x -> -x, [3, 1, 2]), arrayReverseSort([3, 1, 2]), arraySort(['b', 'a', 'c']), arraySort([2, NULL, 1]);
SELECT arraySort((x, y) -> y, ['a', 'b', 'c'], [3, 1, 2]), arraySort(x -> length(x), ['ccc', 'a', 'bb']);
SELECT sum(arraySum(arrayMap(t -> length(t), tags))) FROM events;

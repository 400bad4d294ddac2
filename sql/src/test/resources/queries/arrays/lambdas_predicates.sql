SELECT arrayExists(x -> x > 2, [1, 2, 3]), arrayExists(x -> x > 5, [1, 2, 3]), arrayAll(x -> x > 0, [1, 2, 3]), arrayAll(x -> x > 1, [1, 2, 3]), arrayAll(x -> x > 1, []);
SELECT arrayCount(x -> x > 1, [1, 2, 3]), arrayCount([0, 1, 2, 0]), arrayExists([0, 0]), arrayFirst(x -> x > 1, [1, 2, 3]), arrayFirst(x -> x > 9, [1, 2, 3]), arrayLast(x -> x > 1, [1, 2, 3]), arrayFirstIndex(x -> x = 3, [1, 2, 3]);
SELECT count() FROM events WHERE arrayExists(t -> t = 'b', tags);
SELECT arrayCount(t -> t = 'a', tags) AS n, count() FROM events GROUP BY n ORDER BY n;
SELECT arrayFirst(x -> x != '', ['', 'x', 'y']), arrayCount(x -> x > 1, []), arraySum([]);

-- columns
SELECT arrayReverse([1, 2, 3]) AS r, arrayDistinct([1, 2, 1, 3, 2]) AS d, arrayUniq([1, 2, 1]) AS u, arrayEnumerate(['a', 'b']) AS e, range(4) AS rg;
SELECT hasAny([1, 2, 3], [4, 3]), hasAny([1, 2], [5]), hasAll([1, 2, 3], [3, 1]), hasAll([1, 2], [1, 5]), hasAll([1], []), hasAny([1], []);
SELECT range(1, 7, 2), range(0), arrayConcat([1, 2], [3], []), arrayConcat(['a'], ['b', 'c']), arrayConcat([1], [2.5]);
SELECT arraySlice([1, 2, 3, 4, 5], 2), arraySlice([1, 2, 3, 4, 5], 2, 2), arraySlice([1, 2, 3, 4, 5], -2), arraySlice([1, 2, 3, 4, 5], -3, 2), arraySlice([1, 2, 3, 4, 5], 2, -1), arraySlice([1, 2], 5);
SELECT arrayPushBack([1, 2], 3), arrayPushFront(['b'], 'a'), arrayPopBack([1, 2, 3]), arrayPopFront([1, 2, 3]), arrayPopBack([]);
SELECT arrayStringConcat(['a', 'b', 'c'], '-'), arrayStringConcat(['x', 'y']), arrayStringConcat(tags, ',') FROM events ORDER BY timestamp LIMIT 3;
SELECT [1, 2, 3][1], [1, 2, 3][-1], [1, 2, 3][0], [1, 2, 3][4], ['a', 'b'][-3], splitByChar(',', 'x,y,z')[2];
SELECT arrayReverse(tags), arrayDistinct(arrayConcat(tags, tags)), length(arrayConcat(tags, ['z'])) FROM events ORDER BY timestamp LIMIT 4;

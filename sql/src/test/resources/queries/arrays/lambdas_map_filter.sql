-- columns
SELECT arrayMap(x -> x * 2, [1, 2, 3]) AS doubled, arrayFilter(x -> x % 2 = 1, [1, 2, 3, 4, 5]) AS odd, arrayMap(x -> concat(x, '!'), ['a', 'b']) AS s;
SELECT arrayMap((x, y) -> x + y, [1, 2], [10, 20]), arrayMap(x -> toString(x), []), arrayFilter(x -> x > 10, [1, 2]);
SELECT tags, arrayMap(t -> upper(t), tags), arrayFilter(t -> t != 'a', tags) FROM events ORDER BY timestamp LIMIT 4;
SELECT user_id, arrayMap(t -> concat(t, user_id), tags) FROM events ORDER BY timestamp LIMIT 4;
SELECT arrayMap(x -> arrayMap(y -> x * y, [1, 2]), [10, 20]), arrayMap(x -> x, [NULL, 1]);
-- error: SIZES_OF_ARRAYS_DONT_MATCH
SELECT arrayMap((x, y) -> x + y, [1, 2], [1]);
-- error: NUMBER_OF_ARGUMENTS_DOESNT_MATCH
SELECT arrayMap((x, y) -> x + y, [1, 2]);
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT arrayMap(x -> x, 5);

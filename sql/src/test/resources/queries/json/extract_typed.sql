-- columns
SELECT JSONExtract('{"a":5}', 'a', 'Int32') AS i, JSONExtract('{"a":"x"}', 'a', 'String') AS s, JSONExtract('{"a":[1,2,3]}', 'a', 'Array(UInt8)') AS arr, JSONExtract('{"a":1.25}', 'a', 'Float32') AS f;
SELECT JSONExtract('{"a":null}', 'a', 'Nullable(Int64)'), JSONExtract('{}', 'a', 'Nullable(String)'), JSONExtract('{"a":"s"}', 'a', 'Nullable(String)'), JSONExtract('{"a":"s"}', 'a', 'Nullable(Int64)');
SELECT JSONExtract('{"a":300}', 'a', 'UInt8'), JSONExtract('{"a":-5}', 'a', 'Int8'), JSONExtract('{"a":["x","y"]}', 'a', 'Array(String)'), JSONExtract('{"a":[[1],[2,3]]}', 'a', 'Array(Array(Int64))');
SELECT JSONExtract('[1,"two",null,3]', 'Array(Nullable(Int64))'), JSONExtract('{"a":1}', 'a', 'Array(Int64)'), JSONExtract('{"a":"lc"}', 'a', 'LowCardinality(String)');
-- error: NOT_IMPLEMENTED
SELECT JSONExtract('{"a":1}', 'a', 'Date');
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT JSONExtractString(1, 'a');
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT JSONExtract('{"a":1}', 'a', 'b', 1.5, 'Int64');

-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT JSONExtract('{"a": 1}', 'Map(Int64, Int64)');

SELECT CAST('(1, \'x\')', 'Tuple(UInt8, String)') AS t, toTypeName(t);
SELECT CAST('{\'a\': 1, \'b\': 2}', 'Map(String, UInt16)') AS m, toTypeName(m), CAST(m, 'String');
SELECT CAST('[{\'k\': \'v\'}, {}]', 'Array(Map(String, String))');
SELECT CAST(CAST('(1, \'x\')', 'Tuple(a UInt8, b String)'), 'Tuple(Int64, String)');
SELECT CAST(NULL, 'Nullable(UUID)'), CAST('[]', 'Array(Decimal(5, 1))');
-- error: CANNOT_PARSE_TEXT
SELECT CAST('(1, 2, 3)', 'Tuple(UInt8, UInt8)');
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT CAST(1, 'AggregateFunction(count, UInt64)');

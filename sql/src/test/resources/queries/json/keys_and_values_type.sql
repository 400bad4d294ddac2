-- columns
SELECT JSONExtractKeysAndValues('{"a": 1}', 'UInt8') AS kv;

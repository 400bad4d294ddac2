-- columns
SELECT JSONExtract('{"a": 1}', 'Map(String, UInt32)') AS m;

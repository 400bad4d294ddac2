SELECT JSONExtract('{"a": -1}', 'a', 'UInt64'), JSONExtract('{"a": -1}', 'a', 'Int8'), JSONExtract('{"a": 128}', 'a', 'Int8');

SELECT mapKeys(JSONExtract('{"z": 1, "a": 2}', 'Map(String, UInt8)')), mapValues(JSONExtract('{"z": 1, "a": 2}', 'Map(String, UInt8)'));

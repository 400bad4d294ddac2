SELECT JSONExtract('[{"k": "a", "v": 1}, {"k": "b", "v": 2}]', 'Array(Tuple(k String, v UInt8))');

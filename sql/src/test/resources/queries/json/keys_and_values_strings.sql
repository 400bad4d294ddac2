SELECT JSONExtractKeysAndValues('{"a": "x", "b": 2}', 'String');

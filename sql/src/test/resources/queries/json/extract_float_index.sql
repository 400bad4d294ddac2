SELECT JSONExtractFloat('{"a": "hello", "b": [-100, 200.0, 300]}', 'b', 2), JSONExtractInt('{"a": "hello", "b": [-100, 200.0, 300]}', 'b', -1);

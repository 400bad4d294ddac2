SELECT JSONExtract('{"a": "hello", "b": "world"}', 'Map(String, String)');

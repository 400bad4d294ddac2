SELECT JSONExtract('{"x": {"a": 5, "b": 7, "c": 11}}', 'x', 'Map(String, Int64)');

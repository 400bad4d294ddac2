SELECT JSONExtract('{"a": 1, "b": 2}', 'Map(String, Int64)')['b'];

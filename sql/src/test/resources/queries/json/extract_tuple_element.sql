SELECT tupleElement(JSONExtract('{"a": "x", "b": 2}', 'Tuple(a String, b Int64)'), 'b');

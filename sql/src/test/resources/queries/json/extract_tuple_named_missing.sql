SELECT JSONExtract('{"a": "x"}', 'Tuple(a String, b Int64)'), JSONExtract('{"b": 7}', 'Tuple(a String, b Int64)');

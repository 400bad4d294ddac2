-- columns
SELECT JSONExtract('{"a": "x", "b": 2}', 'Tuple(a String, b Int64)') AS t;

SELECT JSONExtract('{"a": 0.1}', 'a', 'Float32'), JSONExtract('{"a": 1e40}', 'a', 'Float64');

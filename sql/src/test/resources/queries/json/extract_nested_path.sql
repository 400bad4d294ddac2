SELECT JSONExtractInt('{"a": {"b": [{"c": 1}, {"c": 2}]}}', 'a', 'b', 2, 'c'), JSONExtractInt('{"a": {"b": [{"c": 1}, {"c": 2}]}}', 'a', 'b', -2, 'c');

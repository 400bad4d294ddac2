SELECT JSONExtractKeys('{"a":1,"b":{"c":2}}'), JSONExtractKeys('{"a":1,"b":{"c":2}}', 'b'), JSONExtractKeys('[1,2]'), JSONExtractKeys('');
SELECT JSONExtractArrayRaw('{"a":[1, "x", {"b": 2}]}', 'a'), JSONExtractArrayRaw('{"a":1}', 'a'), length(JSONExtractArrayRaw('[]'));

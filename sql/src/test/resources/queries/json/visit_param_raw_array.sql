SELECT visitParamExtractRaw('{"a": [1, 2, {"b": 3}]}', 'a'), visitParamExtractRaw('{"a": "s\\"q"}', 'a');

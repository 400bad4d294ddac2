SELECT visitParamExtractUInt('{"a": 1, "a": 2}', 'a'), visitParamExtractString('{"x": {"a": "inner"}, "a": "outer"}', 'a');

SELECT visitParamExtractUInt('{"a": 1}', 'b'), visitParamExtractString('{"a": 1}', 'b'), visitParamHas('{}', 'a');

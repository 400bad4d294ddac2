SELECT visitParamExtractRaw('{"o":{"x":[1,2]}}', 'o'), visitParamHas('{"a":1}', 'a'), visitParamHas('{"a":1}', 'b'), visitParamExtractString('{"a":"\\u0041\\n"}', 'a');

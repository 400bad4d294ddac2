SELECT visitParamExtractString('{"a": "x\\ty"}', 'a') = 'x\ty', visitParamExtractString('{"a": "\\u0041B"}', 'a');

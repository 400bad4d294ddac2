SELECT visitParamExtractUInt('{"a":12,"b":3}', 'b'), visitParamExtractInt('{"a":-5}', 'a'), visitParamExtractFloat('{"a":2.5e1}', 'a');

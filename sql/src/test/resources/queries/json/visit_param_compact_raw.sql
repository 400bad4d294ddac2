SELECT visitParamExtractRaw('{"a":[1,2,{"b":3}],"c":1}', 'a'), visitParamExtractRaw('{"a":"s\\"q","b":2}', 'a'), visitParamExtractRaw('{"a":{"x":"}"}}', 'a');

SELECT visitParamExtractBool('{"a": true}', 'a'), visitParamExtractBool('{"a": false}', 'a'), visitParamExtractBool('{"a": "true"}', 'a');

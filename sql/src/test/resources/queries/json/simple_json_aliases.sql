SELECT simpleJSONExtractUInt('{"a": 3}', 'a'), simpleJSONExtractString('{"a": "s"}', 'a'), simpleJSONHas('{"a": 1}', 'a'), simpleJSONExtractBool('{"a": true}', 'a');

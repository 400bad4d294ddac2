SELECT JSONExtractRaw('{"a":"hello","b":[-100, 200.0, 300]}', 'b'), JSONExtractRaw('{"a":{"x": "y z"}}', 'a'), JSONExtractRaw('{"a":"s"}', 'a'), JSONExtractRaw('{"a":1}', 'z');
SELECT JSONExtractRaw('{"a":[1, 2]}'), JSONHas('{"a":{"b":null}}', 'a', 'b'), JSONHas('{"a":{"b":null}}', 'a', 'c'), JSONHas('[1,2]', 2), JSONHas('[1,2]', 3);
SELECT JSONLength('{"a":[1,2,3]}', 'a'), JSONLength('{"a":[1,2,3]}', 'b'), JSONLength('{"a":1,"b":2}');
SELECT JSONType('{"a":{}}', 'a'), JSONType('[1]'), JSONType('{"a":"x"}', 'a'), JSONType('{"a":-1}', 'a'), JSONType('{"a":1}', 'a'), JSONType('{"a":1.5}', 'a'), JSONType('{"a":true}', 'a'), JSONType('{"a":null}', 'a'), JSONType('{}', 'zz');

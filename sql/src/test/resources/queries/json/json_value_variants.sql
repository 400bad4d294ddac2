SELECT JSON_VALUE('{"a": 1.5}', '$.a'), JSON_VALUE('{"a": "x"}', '$.b'), JSON_VALUE('{"a": [1, 2]}', '$.a'), JSON_VALUE('{"a": null}', '$.a');

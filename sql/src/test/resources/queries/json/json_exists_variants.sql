SELECT JSON_EXISTS('{"a": {"b": 1}}', '$.a.b'), JSON_EXISTS('{"a": {"b": 1}}', '$.a.c'), JSON_EXISTS('{"a": [1, 2]}', '$.a[1]');

SELECT JSON_QUERY('{"a": [1, 2]}', '$.a'), JSON_QUERY('{"a": {"b": 1}}', '$'), JSON_QUERY('{"a": 1}', '$.a');

SELECT JSON_VALUE('{"a":{"b":"x"}}', '$.a.b'), JSON_VALUE('{"a":[1,2,3]}', '$.a[1]'), JSON_VALUE('{"a":{"b":1}}', '$.a'), JSON_VALUE('{"a":true}', '$.a'), JSON_VALUE('{"a b":5}', '$[\'a b\']');
SELECT JSON_QUERY('{"a":{"b":1}}', '$.a'), JSON_QUERY('{"a":"x"}', '$.missing'), JSON_EXISTS('{"a":[1]}', '$.a[0]'), JSON_EXISTS('{"a":[1]}', '$.a[1]');
-- error: BAD_ARGUMENTS
SELECT JSON_VALUE('{}', 'a.b');

SELECT JSONType('{"a": "hello", "b": [-100, 200.0, 300]}'), JSONType('{"a": "hello", "b": [-100, 200.0, 300]}', 'a'), JSONType('{"a": "hello", "b": [-100, 200.0, 300]}', 'b');

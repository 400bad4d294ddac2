SELECT k, JSONExtractString('{"a": "A", "b": "B"}', k) FROM (SELECT arrayJoin(['a', 'b', 'c']) AS k);

SELECT JSONExtractString('{"a":"line\\nbreak"}', 'a') = 'line\nbreak', JSONExtractString('{"a":"\\u263a"}', 'a'), JSONExtractString('{"a":"quote\\"d"}', 'a');
SELECT JSONExtractString('{"a":"\\ud83d\\ude00"}', 'a'), length(JSONExtractString('{"a":"\\ud83d\\ude00"}', 'a'));
SELECT JSONExtractString('{"k\\u0065y":"escaped key"}', 'key'), JSONExtractString('{"a":"bad\\x"}', 'a');

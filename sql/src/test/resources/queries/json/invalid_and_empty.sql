SELECT JSONExtractString('', 'a'), JSONExtractInt('not json', 'a'), JSONHas('{"a":1', 'a'), JSONLength('{"a":'), JSONExtractString('{"a":"x"} trailing', 'a');
SELECT JSONHas('{}'), JSONHas(''), JSONLength('[]'), JSONLength('{}'), JSONLength('"str"'), JSONLength('[1,[2,3],{"a":4}]');
SELECT JSONExtractString(note, 'a') AS n, toTypeName(n), JSONHas(note, 'a') FROM events ORDER BY timestamp LIMIT 2;
SELECT JSONExtractString(note, 'x') FROM events WHERE note IS NULL LIMIT 1;

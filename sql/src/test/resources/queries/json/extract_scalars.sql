-- columns
SELECT JSONExtractString('{"a":"hello","b":2}', 'a') AS s, JSONExtractInt('{"a":"hello","b":-2}', 'b') AS i, JSONExtractUInt('{"b":7}', 'b') AS u, JSONExtractFloat('{"f":1.5}', 'f') AS f, JSONExtractBool('{"t":true}', 't') AS b;
SELECT JSONExtractString('{"a":1}', 'a'), JSONExtractInt('{"a":"12"}', 'a'), JSONExtractUInt('{"a":-1}', 'a'), JSONExtractInt('{"a":200.0}', 'a'), JSONExtractInt('{"a":1.5}', 'a');
SELECT JSONExtractFloat('{"a":3}', 'a'), JSONExtractFloat('{"a":1e3}', 'a'), JSONExtractInt('{"a":true}', 'a'), JSONExtractBool('{"a":1}', 'a'), JSONExtractBool('{"a":false}', 'a');
SELECT JSONExtractUInt('{"a":18446744073709551615}', 'a'), JSONExtractInt('{"a":18446744073709551615}', 'a'), JSONExtractInt('{"a":-9223372036854775808}', 'a');

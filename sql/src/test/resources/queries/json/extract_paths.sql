SELECT JSONExtractString('{"a":{"b":{"c":"deep"}}}', 'a', 'b', 'c');
SELECT JSONExtractInt('{"a":[10,20,30]}', 'a', 1), JSONExtractInt('{"a":[10,20,30]}', 'a', -1), JSONExtractInt('{"a":[10,20,30]}', 'a', 4), JSONExtractInt('{"a":[10,20,30]}', 'a', 0);
SELECT JSONExtractString('{"x":"first","y":"second"}', 2), JSONExtractString('{"x":"first","y":"second"}', -2);
SELECT JSONExtractString('{"a":"x"}', 'missing'), JSONExtractString('{"a":"x"}', 'a', 'b'), JSONExtractInt('[1,2]', 'a');
SELECT JSONExtractString('{ "a" : { "b" : "spaced" } }', 'a', 'b'), JSONExtractString('{"a":"dup","a":"second"}', 'a');

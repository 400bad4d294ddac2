-- error: NOT_IMPLEMENTED
SELECT JSONExtract('{"a": 1}', 'a', 'IPv4');

-- error: CANNOT_PARSE_TEXT
SELECT UUIDStringToNum('xyz');

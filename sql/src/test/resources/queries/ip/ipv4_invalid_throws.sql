-- error: CANNOT_PARSE_TEXT
SELECT IPv4StringToNum('1.2.3');

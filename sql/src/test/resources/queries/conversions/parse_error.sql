-- error: CANNOT_PARSE_TEXT
SELECT toInt32('abc');
-- error: CANNOT_PARSE_DATETIME
SELECT toDate('yesterday');

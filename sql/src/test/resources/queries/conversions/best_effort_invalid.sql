-- error: CANNOT_PARSE_DATETIME
SELECT parseDateTimeBestEffort('not a date');

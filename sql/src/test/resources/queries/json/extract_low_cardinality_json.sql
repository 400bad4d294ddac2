SELECT JSONExtractString(concat('{"a":"', action, '"}'), 'a') AS a FROM events GROUP BY a ORDER BY a;

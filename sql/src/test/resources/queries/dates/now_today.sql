SELECT now() > toDateTime('2024-01-01 00:00:00'), today() >= toDate('2024-01-01'), toTypeName(now()), toTypeName(today()), dateDiff('day', yesterday(), today());

SELECT toRelativeDayNum(toDateTime('2024-03-10 15:04:05')), toRelativeHourNum(toDateTime('2024-03-10 15:04:05'));

SELECT toStartOfFiveMinute(toDateTime('2024-03-10 15:04:05')), toStartOfTenMinutes(toDateTime('2024-03-10 15:04:05')), toStartOfFifteenMinutes(toDateTime('2024-03-10 15:04:05'));

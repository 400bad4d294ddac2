WITH toDateTime('2024-03-15 13:47:31') AS t
SELECT toStartOfMinute(t), toStartOfFiveMinutes(t), toStartOfFifteenMinutes(t), toStartOfHour(t), toStartOfDay(t), toStartOfMonth(t), toStartOfYear(t), toStartOfQuarter(t), toMonday(t), toStartOfWeek(t);

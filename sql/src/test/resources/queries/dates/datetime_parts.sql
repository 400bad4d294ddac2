SELECT toDateTime('2024-03-15 13:45:30') AS t, toHour(t), toMinute(t), toSecond(t), toYYYYMM(t), toYYYYMMDD(t), toUnixTimestamp(t);

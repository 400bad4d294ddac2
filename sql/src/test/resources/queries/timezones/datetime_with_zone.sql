-- columns
SELECT toDateTime('2024-01-15 10:00:00', 'Europe/Madrid') AS t, toUnixTimestamp(t), toHour(t), toString(t, 'UTC'), toTimeZone(t, 'America/New_York');

SELECT toHour(toDateTime('2024-01-01 12:00:00', 'UTC'), 'Asia/Kolkata'), toMinute(toDateTime('2024-01-01 12:00:00', 'UTC'), 'Asia/Kolkata');

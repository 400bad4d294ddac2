SELECT toStartOfHour(toDateTime('2024-06-15 03:50:00', 'UTC'), 'Asia/Kolkata');

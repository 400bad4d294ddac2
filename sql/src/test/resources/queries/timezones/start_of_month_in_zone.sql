SELECT toStartOfMonth(toDateTime('2024-03-31 23:30:00', 'UTC'), 'Asia/Tokyo'), toStartOfDay(toDateTime('2024-03-10 20:00:00', 'UTC'), 'Asia/Tokyo');

SELECT toDayOfWeek(toDateTime('2024-01-07 20:00:00', 'UTC'), 'Asia/Tokyo'), toDayOfWeek(toDateTime('2024-01-07 20:00:00', 'UTC'));

SELECT toStartOfMonth(toDateTime('2024-01-31 20:00:00', 'UTC'), 'Asia/Tokyo');

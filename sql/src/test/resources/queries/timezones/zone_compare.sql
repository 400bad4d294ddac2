SELECT toDateTime('2024-01-01 09:00:00', 'Asia/Tokyo') = toDateTime('2024-01-01 00:00:00', 'UTC');

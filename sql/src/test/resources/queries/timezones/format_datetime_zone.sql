SELECT formatDateTime(toDateTime('2024-01-01 00:00:00', 'UTC'), '%Y-%m-%d %H:%i:%S', 'Asia/Tokyo');

SELECT toString(toDateTime('2024-01-01 00:00:00', 'UTC'), 'Asia/Kathmandu');

SELECT toYYYYMMDD(toDateTime('2024-12-31 20:00:00', 'UTC'), 'Asia/Tokyo'), toYYYYMM(toDateTime('2024-12-31 20:00:00', 'UTC'), 'Asia/Tokyo');

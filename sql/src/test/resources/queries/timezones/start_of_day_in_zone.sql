SELECT toStartOfDay(toDateTime('2024-01-15 23:30:00', 'Asia/Tokyo')), toDate(toDateTime('2024-01-15 23:30:00', 'UTC'), 'Asia/Tokyo'), toDate(toDateTime('2024-01-15 23:30:00', 'Asia/Tokyo'));

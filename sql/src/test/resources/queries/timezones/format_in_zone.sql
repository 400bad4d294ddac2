SELECT formatDateTime(toDateTime('2024-03-10 20:00:00', 'UTC'), '%F %T', 'Asia/Tokyo'), formatDateTime(toDateTime('2024-03-10 20:00:00', 'Asia/Tokyo'), '%F %T');

SELECT toTypeName(toDateTime('2024-01-01 00:00:00', 'Asia/Tokyo')), toTypeName(toTimeZone(now(), 'Europe/London'));

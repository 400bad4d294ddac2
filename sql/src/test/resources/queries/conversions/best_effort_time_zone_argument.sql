SELECT parseDateTimeBestEffort('2024-03-10 15:04:05', 'Asia/Tokyo'), toTypeName(parseDateTimeBestEffort('2024-03-10 15:04:05', 'Asia/Tokyo'));

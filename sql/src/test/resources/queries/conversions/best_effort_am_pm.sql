SELECT parseDateTimeBestEffort('Mar 10, 2024 3:04:05 PM'), parseDateTimeBestEffort('2024-03-10 12:30:00 AM'), parseDateTimeBestEffort('2024-03-10 12:30:00 PM');

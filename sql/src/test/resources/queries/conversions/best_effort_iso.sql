SELECT parseDateTimeBestEffort('2024-03-10T15:04:05Z'), parseDateTimeBestEffort('2024-03-10 15:04:05+03:00'), parseDateTimeBestEffort('2024/03/10');

SELECT parseDateTimeBestEffort('2024-03-10T15:04:05+02:00'), parseDateTimeBestEffort('2024-03-10T15:04:05.123Z'), parseDateTimeBestEffort('1710083045');

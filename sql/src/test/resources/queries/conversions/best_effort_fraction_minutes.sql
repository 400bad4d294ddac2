SELECT parseDateTimeBestEffort('2024-03-10 15:04:05.123'), parseDateTimeBestEffort('2024-03-10 15:04'), parseDateTimeBestEffort('2024-03-10T15:04:05.5+0100');

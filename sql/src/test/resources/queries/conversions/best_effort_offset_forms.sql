SELECT parseDateTimeBestEffort('10 Mar 2024 15:04:05 +0200'), parseDateTimeBestEffort('2024-03-10 15:04:05 -05'), parseDateTimeBestEffort('2024-03-10T15:04:05 UTC');

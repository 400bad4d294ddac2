SELECT parseDateTimeBestEffort('10 Mar 2024 15:04:05');

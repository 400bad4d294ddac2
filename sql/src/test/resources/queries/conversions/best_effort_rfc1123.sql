SELECT parseDateTimeBestEffort('Sun, 10 Mar 2024 15:04:05 GMT');

SELECT parseDateTimeBestEffort('Mar 10 2024'), parseDateTimeBestEffort('10 March 2024');

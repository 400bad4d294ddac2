SELECT parseDateTimeBestEffort('23/10/2020 12:12:57'), parseDateTimeBestEffort('10.03.2024');

SELECT parseDateTimeBestEffortUS('03/10/2024'), parseDateTimeBestEffortUS('10/23/2020 12:12:57'), parseDateTimeBestEffortUS('2024-03-10');

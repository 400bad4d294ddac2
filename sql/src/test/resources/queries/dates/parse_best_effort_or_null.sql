SELECT parseDateTimeBestEffortOrNull('not a date'), parseDateTimeBestEffortOrNull('2024-03-10 15:04:05');

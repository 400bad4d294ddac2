SELECT parseDateTimeBestEffortOrNull('garbage'), parseDateTimeBestEffortOrZero('garbage'), parseDateTimeBestEffortOrNull('10 Mar 2024');

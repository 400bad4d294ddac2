SELECT parseDateTimeBestEffort('20240310'), parseDateTimeBestEffort('20240310150405'), parseDateTimeBestEffort('2024-03');

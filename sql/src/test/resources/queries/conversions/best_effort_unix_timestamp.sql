SELECT parseDateTimeBestEffort('1284101485'), parseDateTimeBestEffort('1710083045');

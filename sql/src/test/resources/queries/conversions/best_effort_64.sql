SELECT parseDateTime64BestEffort('2024-03-10 15:04:05.123456', 6), parseDateTime64BestEffort('10 Mar 2024 15:04:05.5'), parseDateTime64BestEffortOrNull('nope');

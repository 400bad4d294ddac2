SELECT toStartOfDay(toDateTime('2024-06-15 03:00:00', 'UTC'), 'America/New_York');

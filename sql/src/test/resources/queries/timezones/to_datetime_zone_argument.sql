SELECT toDateTime('2024-01-01 00:00:00', 'America/New_York'), toUnixTimestamp(toDateTime('2024-01-01 00:00:00', 'America/New_York'));

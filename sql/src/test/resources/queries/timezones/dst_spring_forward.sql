SELECT toDateTime('2024-03-31 01:30:00', 'UTC') + 3600, toTimeZone(toDateTime('2024-03-31 00:30:00', 'UTC'), 'Europe/Berlin'), toTimeZone(toDateTime('2024-03-31 01:30:00', 'UTC'), 'Europe/Berlin');

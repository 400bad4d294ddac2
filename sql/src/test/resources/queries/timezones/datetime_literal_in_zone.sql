SELECT toDateTime('2024-03-10 12:00:00', 'Europe/Berlin'), toUnixTimestamp(toDateTime('2024-03-10 12:00:00', 'Europe/Berlin')), toUnixTimestamp(toDateTime('2024-07-10 12:00:00', 'Europe/Berlin'));

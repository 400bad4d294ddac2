SELECT toString(toDateTime('2024-10-27 00:30:00', 'UTC'), 'Europe/Berlin'), toString(toDateTime('2024-10-27 01:30:00', 'UTC'), 'Europe/Berlin');

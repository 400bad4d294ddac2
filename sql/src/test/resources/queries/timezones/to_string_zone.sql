SELECT toString(toDateTime('2024-01-01 00:00:00', 'UTC'), 'Europe/Paris'), toString(toDateTime('2024-07-01 00:00:00', 'UTC'), 'Europe/Paris');

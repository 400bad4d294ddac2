SELECT toString(toDateTime('2024-01-01 02:00:00', 'UTC'), 'America/St_Johns');

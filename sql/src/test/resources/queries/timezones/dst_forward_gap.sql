SELECT toDateTime('2024-03-31 01:30:00', 'UTC') AS t, toString(t, 'Europe/Berlin'), toString(t + 3600, 'Europe/Berlin');

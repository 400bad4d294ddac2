-- error: BAD_ARGUMENTS
SELECT toDateTime('2024-01-01 00:00:00', 'Mars/Olympus');

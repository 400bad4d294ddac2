SELECT addHours(toDateTime('2024-01-01 00:00:00', 'UTC'), number * 3) AS t FROM numbers(2) ORDER BY t WITH FILL STEP INTERVAL 1 HOUR;

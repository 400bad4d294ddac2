-- columns
SELECT toDateTime64('2024-01-15 10:30:00.123', 3), toDateTime64('2024-01-15 10:30:00', 3) + INTERVAL 1 SECOND, toDateTime(toDateTime64('2024-01-15 10:30:00.999', 3)), toStartOfHour(toDateTime64('2024-01-15 10:30:00.5', 3));

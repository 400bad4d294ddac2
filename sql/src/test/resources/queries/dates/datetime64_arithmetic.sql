SELECT toUnixTimestamp64Micro(toDateTime64('2024-01-01 00:00:00.250', 3)), toUnixTimestamp64Milli(toDateTime64('2024-01-01 00:00:00.250', 3));

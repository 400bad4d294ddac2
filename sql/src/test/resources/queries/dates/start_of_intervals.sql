SELECT toStartOfFiveMinute(toDateTime('2024-01-01 10:07:30')), toStartOfTenMinutes(toDateTime('2024-01-01 10:17:30')), toStartOfFifteenMinutes(toDateTime('2024-01-01 10:29:59'));

SELECT toDateOrNull('2024-13-01'), toDateOrNull('2024-01-01'), toDateTimeOrNull('bad'), toDateOrZero('bad');

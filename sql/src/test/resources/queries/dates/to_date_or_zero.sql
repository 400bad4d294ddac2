SELECT toDateOrZero('2024-03-10'), toDateTimeOrZero('2024-03-10 10:00:00');

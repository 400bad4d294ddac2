SELECT toDateOrNull('2024-03-10'), toDateOrNull('garbage'), toDateTimeOrNull('2024-03-10 10:00:00'), toDateTimeOrNull('x');

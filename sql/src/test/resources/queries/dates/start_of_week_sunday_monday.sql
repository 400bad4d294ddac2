SELECT toStartOfWeek(toDate('2024-01-10')), toStartOfWeek(toDate('2024-01-10'), 1), toMonday(toDate('2024-01-14'));

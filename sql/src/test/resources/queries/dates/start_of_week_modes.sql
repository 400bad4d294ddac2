SELECT toStartOfWeek(toDate('2024-03-10')), toStartOfWeek(toDate('2024-03-10'), 1), toStartOfWeek(toDate('2024-03-11'), 0), toStartOfWeek(toDate('2024-03-11'), 1);

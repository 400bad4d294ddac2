SELECT addDays(toDate('2024-01-01'), 45), subtractWeeks(toDate('2024-01-15'), 2), addHours(toDateTime('2024-01-01 23:00:00'), 2), subtractMinutes(toDateTime('2024-01-01 00:00:00'), 1);

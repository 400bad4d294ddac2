SELECT addMonths(toDate('2024-01-31'), 1), addMonths(toDate('2024-03-31'), -1), addYears(toDate('2024-02-29'), 1);

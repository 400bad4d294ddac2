SELECT toISOWeek(toDate('2024-01-01')), toISOWeek(toDate('2023-01-01')), toISOYear(toDate('2023-01-01'));

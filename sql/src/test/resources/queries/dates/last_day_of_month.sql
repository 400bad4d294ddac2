SELECT toLastDayOfMonth(toDate('2024-02-10')), toLastDayOfMonth(toDate('2023-02-10'));

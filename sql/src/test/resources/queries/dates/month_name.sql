SELECT monthName(toDate('2024-03-10')), formatDateTime(toDate('2024-03-10'), '%M %b');

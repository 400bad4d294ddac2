SELECT toDate(toDateTime('2024-03-10 23:59:59')), toDateTime(toDate('2024-03-10')), toString(toDate('2024-03-10'));

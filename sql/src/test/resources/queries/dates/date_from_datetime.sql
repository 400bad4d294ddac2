SELECT toDate(toDateTime('2024-01-01 23:59:59')), toDateTime(toDate('2024-01-01'));

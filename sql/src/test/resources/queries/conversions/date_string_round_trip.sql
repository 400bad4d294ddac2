SELECT toString(toDateTime('2024-03-10 15:04:05')), toDateTime(toString(toDateTime('2024-03-10 15:04:05'))), toDate('2024-03-10') = '2024-03-10';

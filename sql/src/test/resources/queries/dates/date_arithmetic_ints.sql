SELECT toDate('2024-01-01') + 31, toDate('2024-03-01') - 1, toDateTime('2024-01-01 00:00:00') + 86400;

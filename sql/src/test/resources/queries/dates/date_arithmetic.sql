SELECT toDate('2024-03-01') - 1, toDate('2024-12-31') + 1, toDateTime('2024-03-10 23:59:59') + 1, toDate('2024-03-10') - toDate('2024-01-01');

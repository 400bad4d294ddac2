SELECT toDate('2024-03-01') - toDate('2024-02-01'), toDateTime('2024-01-01 01:00:00') - toDateTime('2024-01-01 00:00:00');

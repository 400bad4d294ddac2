SELECT dateDiff('day', toDate('2024-03-01'), toDate('2024-01-01')), dateDiff('week', toDate('2024-01-01'), toDate('2024-01-15'));

SELECT count() FROM events WHERE timestamp >= '2024-02-01 00:00:00' AND timestamp < '2024-03-01 00:00:00';
SELECT count() FROM events WHERE toDate(timestamp) = '2024-01-02';
SELECT toDate('2024-01-02') = '2024-01-02', toDate('2024-01-02') < toDateTime('2024-01-02 00:00:01');

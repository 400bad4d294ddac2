SELECT toStartOfInterval(toDateTime('2024-01-01 10:37:00'), INTERVAL 20 MINUTE), toStartOfInterval(toDate('2024-05-20'), INTERVAL 1 MONTH);

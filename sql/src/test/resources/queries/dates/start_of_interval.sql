WITH toDateTime('2024-03-15 13:47:31') AS t
SELECT toStartOfInterval(t, INTERVAL 10 MINUTE), toStartOfInterval(t, INTERVAL 2 HOUR), toStartOfInterval(t, INTERVAL 1 DAY), toStartOfInterval(t, INTERVAL 1 MONTH), toStartOfInterval(t, INTERVAL 1 YEAR);

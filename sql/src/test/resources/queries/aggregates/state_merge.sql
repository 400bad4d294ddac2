SELECT sumMerge(s), uniqMerge(u), avgMerge(a) FROM (SELECT sumState(amount) AS s, uniqState(user_id) AS u, avgState(amount) AS a FROM events);

SELECT action, sumMerge(s) FROM (SELECT action, sumState(amount) AS s FROM events GROUP BY action) GROUP BY action ORDER BY action;

SELECT uniq(x), uniqExact(x), count(x), count() FROM (SELECT arrayJoin([1, NULL, 1, 2, NULL]) AS x);

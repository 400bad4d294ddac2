SELECT sumDistinct(x), countDistinct(x), avgDistinct(x) FROM (SELECT arrayJoin([1, 1, 2, 3, 3]) AS x);

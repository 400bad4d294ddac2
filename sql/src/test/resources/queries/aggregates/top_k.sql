SELECT topK(2)(x), topK(x) FROM (SELECT arrayJoin([1, 1, 2, 2, 2, 3, 3, 3, 3, 4]) AS x);

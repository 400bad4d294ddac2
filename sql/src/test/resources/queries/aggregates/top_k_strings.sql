SELECT topK(3)(x) FROM (SELECT arrayJoin(['a', 'b', 'c', 'b', 'c', 'c', 'd', 'd']) AS x);

SELECT groupArray(x) FROM (SELECT arrayJoin([1, NULL, 3]) AS x);

SELECT sum(x), avg(x), min(x), max(x), count(x) FROM (SELECT arrayJoin([NULL, NULL]) AS x);

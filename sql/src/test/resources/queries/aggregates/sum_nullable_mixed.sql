SELECT sum(x), avg(x), min(x), max(x), count(x), count() FROM (SELECT arrayJoin([1, NULL, 5]) AS x);

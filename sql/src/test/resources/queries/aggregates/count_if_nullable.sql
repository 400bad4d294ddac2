SELECT countIf(x > 1), sumIf(x, x > 1) FROM (SELECT arrayJoin([1, NULL, 3]) AS x);

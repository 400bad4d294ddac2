SELECT quantileExact(0.5)(x), median(x) FROM (SELECT arrayJoin([1, NULL, 3, NULL, 5]) AS x);

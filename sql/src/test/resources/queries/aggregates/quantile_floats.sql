SELECT quantile(0.25)(x), quantileExact(0.25)(x) FROM (SELECT arrayJoin([2.5, 1.5, 10.0, -1.0]) AS x);

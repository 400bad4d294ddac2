SELECT varPop(x), varSamp(x), stddevSamp(x), corr(x, y) FROM (SELECT arrayJoin([1.5, 2.25, 3.1, 7.7]) AS x, x * 3 - 1 AS y);

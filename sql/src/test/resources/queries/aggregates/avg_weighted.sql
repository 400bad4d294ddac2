SELECT avgWeighted(x, w) FROM (SELECT arrayJoin([(4, 1), (1, 0), (10, 2)]) AS t, t.1 AS x, t.2 AS w);

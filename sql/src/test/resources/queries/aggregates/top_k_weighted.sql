SELECT topKWeighted(2)(x, w) FROM (SELECT arrayJoin([('a', 1), ('b', 5), ('a', 3), ('c', 2)]) AS t, t.1 AS x, t.2 AS w);

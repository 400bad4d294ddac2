SELECT argMin(s, v), argMax(s, v) FROM (SELECT arrayJoin([('a', 1), ('b', 1), ('c', 0), ('d', 0)]) AS t, t.1 AS s, t.2 AS v);

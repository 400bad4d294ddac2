SELECT any(x), anyLast(x) FROM (SELECT arrayJoin([NULL, 2, 3]) AS x);

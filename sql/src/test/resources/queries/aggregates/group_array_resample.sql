SELECT groupArrayResample(30, 75, 30)(name, age) FROM (SELECT arrayJoin([('John', 16), ('Alice', 30), ('Mary', 35), ('Evelyn', 48), ('David', 62), ('Brian', 60)]) AS t, t.1 AS name, t.2 AS age);

SELECT quantileTDigest(0.5)(x), quantileTDigest(0.25)(x), quantileTDigest(1)(x), quantileTDigest(0)(x) FROM (SELECT arrayJoin([1, 2, 3, 4, 100]) AS x);

SELECT quantileExact(0.5)(x) FROM (SELECT arrayJoin(['b', 'a', 'c']) AS x);

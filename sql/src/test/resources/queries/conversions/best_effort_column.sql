SELECT parseDateTimeBestEffort(s) FROM (SELECT arrayJoin(['2024-01-02 03:04:05', '02 Jan 2024 03:04:05', '20240102030405']) AS s);

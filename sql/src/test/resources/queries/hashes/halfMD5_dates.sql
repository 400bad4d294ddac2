SELECT halfMD5(toDate('2019-01-01')), halfMD5(toDateTime('2019-06-15 23:00:00')), halfMD5(toDate('2024-02-29'), toDateTime('2024-02-29 12:34:56'));

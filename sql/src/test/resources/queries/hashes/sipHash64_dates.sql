SELECT sipHash64(toDate('2019-01-01')), sipHash64(toDateTime('2019-06-15 23:00:00')), sipHash64(toDate('2024-02-29'), toDateTime('2024-02-29 12:34:56'));

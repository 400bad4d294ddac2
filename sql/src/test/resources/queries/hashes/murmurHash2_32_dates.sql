SELECT murmurHash2_32(toDate('2019-01-01')), murmurHash2_32(toDateTime('2019-06-15 23:00:00')), murmurHash2_32(toDate('2024-02-29'), toDateTime('2024-02-29 12:34:56'));

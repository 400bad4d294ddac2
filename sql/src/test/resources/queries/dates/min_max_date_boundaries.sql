SELECT toDate('1970-01-01'), toDate('2149-06-06'), toDateTime('1970-01-01 00:00:00');

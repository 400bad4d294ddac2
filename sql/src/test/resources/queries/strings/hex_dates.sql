SELECT hex(toDate('2019-01-01')), hex(toDateTime('2019-01-01 00:00:00'));

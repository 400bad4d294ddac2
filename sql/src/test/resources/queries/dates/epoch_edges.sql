SELECT toDate('1970-01-01'), toDateTime(0), toDate(19723), toDateTime('2000-02-29 23:59:59') + 1, toDate('2100-12-31');

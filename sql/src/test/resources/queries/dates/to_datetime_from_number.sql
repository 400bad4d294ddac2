SELECT toDateTime(0), toDateTime(1704067200), toDate(19723);

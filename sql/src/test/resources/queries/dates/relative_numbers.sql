SELECT toRelativeDayNum(toDate('2024-01-01')), toRelativeHourNum(toDateTime('1970-01-02 01:00:00'));

SELECT toDayOfYear(toDate('2024-12-31')), toQuarter(toDate('2024-08-01')), toDayOfMonth(toDate('2024-02-29'));

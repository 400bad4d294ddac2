SELECT toDayOfYear(toDate('2024-12-31')), toDayOfYear(toDate('2023-12-31')), toDate('2024-02-28') + 1, toDate('2023-02-28') + 1;

SELECT toStartOfQuarter(toDate('2024-05-20')), toStartOfYear(toDate('2024-05-20')), toStartOfMonth(toDate('2024-05-20'));

SELECT toYYYYMMDDhhmmss(toDateTime('2024-03-10 15:04:05')), toYYYYMMDD(toDate('2024-03-10')), toYYYYMM(toDate('2024-03-10'));

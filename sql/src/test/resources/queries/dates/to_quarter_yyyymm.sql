SELECT toQuarter(toDateTime('2024-03-10 15:04:05')), toYYYYMM(toDateTime('2024-03-10 15:04:05')), toYYYYMMDD(toDateTime('2024-03-10 15:04:05')), toYYYYMMDDhhmmss(toDateTime('2024-03-10 15:04:05'));

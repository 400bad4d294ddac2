SELECT dateDiff('hour', toDateTime('2024-01-01 00:00:00'), toDateTime('2024-01-02 06:00:00')), dateDiff('minute', toDateTime('2024-01-01 00:00:00'), toDateTime('2024-01-01 00:10:59'));

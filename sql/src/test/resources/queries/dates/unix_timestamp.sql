SELECT toUnixTimestamp(toDateTime('2024-03-10 15:04:05')), toUnixTimestamp('2024-03-10 15:04:05'), toDateTime(1710083045);

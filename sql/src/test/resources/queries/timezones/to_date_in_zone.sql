SELECT toDate(toDateTime('2024-01-01 23:30:00', 'UTC'), 'Asia/Tokyo'), toDate(toDateTime('2024-01-01 01:30:00', 'UTC'), 'America/Los_Angeles');

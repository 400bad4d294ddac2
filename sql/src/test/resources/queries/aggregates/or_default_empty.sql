SELECT sumOrDefault(amount), avgOrDefault(amount), maxOrDefault(user_id), uniqOrDefault(user_id) FROM events_empty;

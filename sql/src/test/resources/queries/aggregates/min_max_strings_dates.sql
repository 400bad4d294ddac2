SELECT min(user_id), max(user_id), min(timestamp), max(timestamp), min(action), max(action) FROM events;

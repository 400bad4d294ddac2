SELECT count() FROM events WHERE cityHash64(user_id) % 2 = 0;

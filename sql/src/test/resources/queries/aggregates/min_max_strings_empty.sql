SELECT min(user_id), max(user_id) FROM events WHERE tenant_id = 99;

SELECT tenant_id, user_id FROM events ORDER BY tenant_id DESC, user_id ASC LIMIT 6;

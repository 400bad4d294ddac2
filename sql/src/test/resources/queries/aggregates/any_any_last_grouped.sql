SELECT tenant_id, min(user_id), max(user_id), count() FROM events GROUP BY tenant_id ORDER BY tenant_id;

SELECT tenant_id, action, count() FROM events GROUP BY tenant_id, action ORDER BY tenant_id, action;

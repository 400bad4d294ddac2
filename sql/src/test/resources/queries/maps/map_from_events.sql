SELECT user_id, map('action', toString(action), 'tenant', toString(tenant_id))['action'] FROM events ORDER BY timestamp LIMIT 3;

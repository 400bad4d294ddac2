SELECT e.user_id, events.tenant_id FROM events AS e ORDER BY e.timestamp LIMIT 2;
SELECT default.events.user_id FROM default.events ORDER BY timestamp LIMIT 1;

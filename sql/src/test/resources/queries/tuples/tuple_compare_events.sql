SELECT count() FROM events WHERE (tenant_id, amount) > (2, 10);

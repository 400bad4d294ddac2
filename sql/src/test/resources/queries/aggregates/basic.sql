SELECT count(), sum(tenant_id), avg(tenant_id), min(amount), max(amount), round(avg(amount), 4) FROM events;

SELECT tenant_id, count(), round(sum(amount), 2) FROM events GROUP BY tenant_id ORDER BY tenant_id;

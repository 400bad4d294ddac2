SELECT tenant_id * 10, count() FROM events GROUP BY tenant_id ORDER BY tenant_id;

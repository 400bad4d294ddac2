SELECT tenant_id, topK(1)(action) FROM events GROUP BY tenant_id ORDER BY tenant_id;

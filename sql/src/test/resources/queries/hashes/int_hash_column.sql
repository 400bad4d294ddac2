SELECT tenant_id, intHash32(tenant_id), intHash64(tenant_id) FROM events GROUP BY tenant_id ORDER BY tenant_id;

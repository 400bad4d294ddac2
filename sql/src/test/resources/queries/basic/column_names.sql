-- columns
SELECT count(), sum(amount), amount * 2, tenant_id = 1, -tenant_id, 'a' || user_id, user_id LIKE 'u1%', tenant_id IN (1, 2), CAST(tenant_id AS String), tenant_id::Int64, tags[1], [1, 2], quantile(0.5)(amount), count(DISTINCT user_id) FROM events GROUP BY tenant_id, user_id, tags, amount LIMIT 0;

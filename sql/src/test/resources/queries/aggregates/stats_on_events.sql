SELECT round(corr(amount, tenant_id), 6), round(covarPop(amount, tenant_id), 6) FROM events;

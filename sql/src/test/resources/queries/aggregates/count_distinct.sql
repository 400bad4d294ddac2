-- columns
SELECT count(DISTINCT user_id), uniq(user_id), uniqExact(user_id), countDistinct(tenant_id), uniq(user_id, tenant_id) FROM events;

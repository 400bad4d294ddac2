SELECT countDistinct(action), sumDistinct(tenant_id), uniqExact(user_id), count(DISTINCT tenant_id) FROM events;

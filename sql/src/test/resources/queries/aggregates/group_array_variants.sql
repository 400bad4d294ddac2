SELECT groupArray(tenant_id), arraySort(groupUniqArray(tenant_id)) FROM (SELECT tenant_id FROM events ORDER BY timestamp LIMIT 5);

SELECT DISTINCT action FROM events ORDER BY action;
SELECT DISTINCT tenant_id, action FROM events ORDER BY tenant_id, action LIMIT 5;
SELECT count() FROM (SELECT DISTINCT user_id FROM events);

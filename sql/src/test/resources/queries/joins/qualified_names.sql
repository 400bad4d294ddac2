-- columns
SELECT e.action, e.tenant_id, t.tenant_id FROM events AS e INNER JOIN (SELECT 1 AS tenant_id) AS t ON e.tenant_id = t.tenant_id ORDER BY e.action LIMIT 1;
SELECT action FROM (SELECT e.action, e.user_id FROM events AS e ORDER BY e.timestamp LIMIT 2) ORDER BY action;

-- columns
SELECT action, anySimpleState(action) AS a, maxSimpleState(timestamp) AS last, minSimpleState(timestamp) AS first, sumSimpleState(tenant_id) AS total FROM events GROUP BY action ORDER BY last DESC, action;
SELECT toTypeName(maxSimpleState(timestamp)), toDate(maxSimpleState(timestamp)) FROM events;
SELECT max(timestamp) = maxSimpleState(timestamp), min(timestamp) = minSimpleState(timestamp), sum(tenant_id) = sumSimpleState(tenant_id) FROM events;

SELECT count() FROM events WHERE (action, tenant_id) IN (('view', 1), ('click', 2));

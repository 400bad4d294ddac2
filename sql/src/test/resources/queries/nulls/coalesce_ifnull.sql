-- columns
SELECT coalesce(note, 'none'), ifNull(note, '-'), coalesce(NULL, NULL, 3), nullIf(tenant_id, 1) FROM events ORDER BY timestamp LIMIT 5;

SELECT action, quantileTDigest(0.5)(tenant_id) FROM events GROUP BY action ORDER BY action;

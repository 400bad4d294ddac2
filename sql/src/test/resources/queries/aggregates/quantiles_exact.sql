SELECT quantileExact(0.5)(tenant_id), quantileExact(0.9)(amount), median(tenant_id) FROM events;

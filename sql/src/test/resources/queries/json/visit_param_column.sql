SELECT user_id, visitParamExtractUInt(concat('{"t":', toString(tenant_id), '}'), 't') FROM events ORDER BY timestamp LIMIT 3;

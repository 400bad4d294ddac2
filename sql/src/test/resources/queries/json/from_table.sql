SELECT user_id, JSONExtractString(j, 'user') = user_id AS same, JSONExtractInt(j, 'tenant') AS t, JSONExtract(j, 'tags', 'Array(String)') AS tg, JSONLength(j, 'tags') AS n
FROM (SELECT user_id, concat('{"user":"', user_id, '","tenant":', toString(tenant_id), ',"tags":', if(length(tags) = 0, '[]', concat('["', arrayStringConcat(tags, '","'), '"]')), '}') AS j, timestamp FROM events)
ORDER BY timestamp LIMIT 5;
SELECT JSONExtractString(j, 'action') AS a, count() FROM (SELECT concat('{"action":"', action, '"}') AS j FROM events) GROUP BY a ORDER BY a;
SELECT sum(JSONExtractInt(concat('{"v":', toString(tenant_id), '}'), 'v')) = sum(tenant_id) FROM events;

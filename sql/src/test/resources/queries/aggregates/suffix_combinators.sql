-- columns
SELECT sumArray(tags_len) AS s, countArray(tags_len) AS c, maxArray(tags_len) AS m FROM (SELECT arrayMap(t -> length(t), tags) AS tags_len FROM events);
SELECT groupArrayArray(x) FROM (SELECT [1, 2] AS x UNION ALL SELECT [3]);
SELECT uniqArray(tags), sumDistinct(tenant_id), countDistinct(tenant_id), uniqExactIf(user_id, action = 'view') FROM events;
-- columns
SELECT avgOrNull(amount) AS a, sumOrNull(tenant_id) AS s, avgOrDefault(amount) AS d, maxOrDefault(user_id) AS m FROM events_empty;
SELECT avgOrNull(amount) IS NOT NULL, sumOrDefault(tenant_id) = sum(tenant_id) FROM events;
SELECT action, sumArrayIf([amount], tenant_id = 1) AS s FROM events GROUP BY action ORDER BY action;

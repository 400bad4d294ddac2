-- columns
SELECT countState() AS c, sumState(tenant_id) AS s, uniqState(user_id) AS u FROM events LIMIT 0;
SELECT countMerge(c), sumMerge(s), avgMerge(a), uniqMerge(u), uniqExactMerge(ue), minMerge(mi), maxMerge(ma)
FROM (SELECT action, countState() AS c, sumState(amount) AS s, avgState(amount) AS a, uniqState(user_id) AS u,
             uniqExactState(user_id) AS ue, minState(timestamp) AS mi, maxState(timestamp) AS ma
      FROM events GROUP BY action);
SELECT count(), sum(amount), avg(amount), uniq(user_id), uniqExact(user_id), min(timestamp), max(timestamp) FROM events;
SELECT action, countMerge(c) AS n, argMaxMerge(am) AS last_user, anyMerge(a) != '' AS has_any
FROM (SELECT action, tenant_id, countState() AS c, argMaxState(user_id, timestamp) AS am, anyState(user_id) AS a
      FROM events GROUP BY action, tenant_id)
GROUP BY action ORDER BY action;
SELECT action, count(), argMax(user_id, timestamp) FROM events GROUP BY action ORDER BY action;
SELECT countIfMerge(ci), sumIfMerge(si) FROM (SELECT countIfState(amount > 3) AS ci, sumIfState(tenant_id, amount > 3) AS si FROM events GROUP BY tenant_id);
SELECT countIf(amount > 3), sumIf(tenant_id, amount > 3) FROM events;
SELECT finalizeAggregation(s) FROM (SELECT uniqMergeState(u) AS s FROM (SELECT uniqState(user_id) AS u FROM events GROUP BY action));
SELECT length(groupArrayMerge(g)), arraySort(groupUniqArrayMerge(gu)) FROM (SELECT groupArrayState(action) AS g, groupUniqArrayState(action) AS gu FROM events GROUP BY tenant_id);
SELECT round(quantileMerge(0.9)(q), 4), round(quantile(0.9)(amount), 4) FROM (SELECT quantileState(0.9)(amount) AS q FROM events GROUP BY action), events LIMIT 1;
-- columns
SELECT sumMerge(s) AS total, anyMerge(n) AS note FROM (SELECT sumState(if(amount > 1000, tenant_id, NULL)) AS s, anyState(note) AS n FROM events WHERE amount < 0);
SELECT finalizeAggregation(initializeAggregation('sumState', tenant_id)) AS v FROM events ORDER BY v LIMIT 3;
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT uniqMerge(tenant_id) FROM events;
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT sumMerge(s) FROM (SELECT uniqState(user_id) AS s FROM events);
SELECT countMerge(CAST(c, 'AggregateFunction(count, UInt64)')) AS n FROM (SELECT countState() AS c FROM events);

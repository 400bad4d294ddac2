-- LowCardinality(Nullable(String)) holds NULLs like Nullable(String): functions answer NULL for them, aggregates skip them
SELECT toLowCardinality(nullIf(action, 'view')) AS m, toTypeName(m), m IS NULL, upper(m), length(m), toNullable(m) FROM events ORDER BY timestamp LIMIT 3;
SELECT toLowCardinality(nullIf(action, 'view')) AS m, count() FROM events GROUP BY m ORDER BY m;
SELECT count(m), uniqExact(m), uniq(m), min(m), max(m), countIf(isNull(m)) FROM (SELECT toLowCardinality(nullIf(action, 'view')) AS m FROM events);
SELECT uniqExact(toNullable(action)), count(toNullable(action)), min(toNullable(action)), max(toNullable(action)), arraySort(groupUniqArray(toNullable(action))) FROM events;

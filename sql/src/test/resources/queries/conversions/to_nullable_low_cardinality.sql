-- toNullable of a LowCardinality value: Nullable goes inside, LowCardinality(Nullable(T)), as ClickHouse answers
SELECT toTypeName(toNullable(toLowCardinality('a'))), toNullable(toLowCardinality('a'));
SELECT toTypeName(toNullable(action)), toTypeName(toNullable(toNullable(action))) FROM events LIMIT 1;
SELECT toTypeName(toLowCardinality(toNullable('a'))), toTypeName(toLowCardinality('a')), toTypeName(toLowCardinality(toNullable(action))) FROM events LIMIT 1;
SELECT toTypeName(CAST(action AS Nullable(String))), toTypeName(CAST(toNullable(action) AS Nullable(String))), toTypeName(CAST(action AS LowCardinality(Nullable(String)))) FROM events LIMIT 1;
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT CAST(action AS Nullable(LowCardinality(String))) FROM events;
-- columns
SELECT action, toNullable(action) AS n, n IS NULL, isNull(n), isNotNull(n) FROM events ORDER BY timestamp LIMIT 3;
SELECT toNullable(action) AS n, upper(n), length(n), n = 'view', concat(n, '!') FROM events ORDER BY timestamp LIMIT 3;
SELECT toNullable(action) AS n, count() FROM events GROUP BY n ORDER BY n;
SELECT count() FROM events WHERE toNullable(action) IS NULL;
SELECT count() FROM events WHERE toNullable(action) = 'view';
SELECT coalesce(toNullable(action), 'none'), ifNull(nullIf(toNullable(action), 'view'), '-') FROM events ORDER BY timestamp LIMIT 3;

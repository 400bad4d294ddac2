SELECT count() FROM engine_replacing;
SELECT id, value, ver FROM engine_replacing FINAL ORDER BY id;
SELECT count() FROM engine_replacing FINAL;
SELECT id, value FROM engine_replacing AS r FINAL WHERE ver > 0 ORDER BY id;
SELECT id, value FROM engine_replacing ORDER BY id, ver SETTINGS final = 1;
SELECT id, value, ver FROM engine_replacing_deleted FINAL ORDER BY id;
SELECT key, hits, amount FROM engine_summing FINAL ORDER BY key;
SELECT key, sum(hits) FROM engine_summing GROUP BY key ORDER BY key;
SELECT id, views, sign FROM engine_collapsing FINAL ORDER BY id;
SELECT id, views, version FROM engine_versioned FINAL ORDER BY id;
SELECT count() FROM engine_null;
SELECT count() FROM engine_null FINAL;
-- columns
SELECT key, total, total + 1 AS next FROM engine_aggregating FINAL WHERE total > 10 ORDER BY key;
SELECT key, finalizeAggregation(users), finalizeAggregation(rows), finalizeAggregation(last) FROM engine_aggregating FINAL ORDER BY key;
SELECT key, uniqMerge(users), countMerge(rows), sum(total), argMaxMerge(last) FROM engine_aggregating GROUP BY key ORDER BY key;
SELECT action, uniq(user_id), count(), count(), argMax(user_id, timestamp) FROM events GROUP BY action ORDER BY action;
SELECT count() FROM engine_aggregating;
SELECT count() FROM engine_aggregating FINAL;

-- error: NOT_AN_AGGREGATE
SELECT user_id, count() FROM events;
-- error: NOT_AN_AGGREGATE
SELECT tenant_id, amount FROM events GROUP BY tenant_id;

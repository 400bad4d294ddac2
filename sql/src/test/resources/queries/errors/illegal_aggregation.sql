-- error: ILLEGAL_AGGREGATION
SELECT count() FROM events WHERE sum(amount) > 1;
-- error: ILLEGAL_AGGREGATION
SELECT sum(count()) FROM events;

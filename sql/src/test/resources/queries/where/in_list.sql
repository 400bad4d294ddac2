SELECT count() FROM events WHERE action IN ('view', 'signup');
SELECT count() FROM events WHERE tenant_id NOT IN (1, 3);
SELECT number FROM numbers(6) WHERE number IN (1, 4, 99);
SELECT 1 IN (1.0, 2.5), 'a' IN ('a'), toDate('2024-01-02') IN ('2024-01-02', '2024-01-03');
